import Testing

@testable import KefuCore

/// Association rules on a basket set counted by hand, their edges, and the suggestions drawn from them.
@Suite struct AssociationRulesTests {
    /// 8 baskets: A in 5, B in 5, C in 4, D in 2; A+B in 4, A+C in 2, B+C in 2, A+D and B+D in 1.
    static let baskets: [[String]] = [
        ["A", "B", "C"], ["A", "B"], ["B", "A", "A"], ["A", "C"], ["B", "C"], ["D"], ["A", "B", "D"], ["C"],
    ]
    static let loose = AssociationRules.Parameters(minSupport: 0.2, minConfidence: 0.3, minBasketsBoth: 2)

    static func rule(_ x: String, _ y: String, both: Int, x cx: Int, y cy: Int) -> AssociationRule {
        AssociationRule(
            antecedent: x, consequent: y, basketsBoth: both, basketsAntecedent: cx, basketsConsequent: cy, baskets: 8)
    }

    @Test func theHandCountedExampleGivesItsRulesInOrder() {
        // MUT
        let rules = AssociationRules.mine(Self.baskets, parameters: Self.loose)
        // validate: A→B and B→A have lift 4·8/(5·5) = 1.28 and confidence 0.8; the C pairs lift 2·8/(5·4) = 0.8,
        // C→A and C→B with confidence 2/4 before A→C and B→C with 2/5. A+D has one basket: below 2.
        #expect(
            rules == [
                Self.rule("A", "B", both: 4, x: 5, y: 5), Self.rule("B", "A", both: 4, x: 5, y: 5),
                Self.rule("C", "A", both: 2, x: 4, y: 5), Self.rule("C", "B", both: 2, x: 4, y: 5),
                Self.rule("A", "C", both: 2, x: 5, y: 4), Self.rule("B", "C", both: 2, x: 5, y: 4),
            ])
        #expect(rules[0].support == 0.5 && rules[0].confidence == 0.8 && abs(rules[0].lift - 1.28) < 1e-12)
        #expect(abs(rules[2].lift - 0.8) < 1e-12 && rules[2].confidence == 0.5)
    }

    @Test func theThresholdsAndTheCapCut() {
        var parameters = Self.loose
        parameters.minConfidence = 0.45
        #expect(AssociationRules.mine(Self.baskets, parameters: parameters).count == 4)
        parameters.maxRules = 3
        #expect(
            AssociationRules.mine(Self.baskets, parameters: parameters).map { $0.antecedent + $0.consequent } == [
                "AB", "BA", "CA",
            ])
        parameters.minSupport = 0.3
        #expect(AssociationRules.mine(Self.baskets, parameters: parameters).count == 2)
        // The defaults ask for 3 baskets with both: only A+B has them.
        #expect(AssociationRules.mine(Self.baskets).map { $0.antecedent + $0.consequent } == ["AB", "BA"])
    }

    @Test func noBasketsSingleItemBasketsAndEmptyBasketsGiveNoRules() {
        #expect(AssociationRules.mine([[String]](), parameters: Self.loose) == [])
        #expect(AssociationRules.mine([["A"], ["A"], ["B"], ["A", "A"]], parameters: Self.loose) == [])
        var counts = CoPurchaseCounts()
        counts.add([String]())
        counts.add(["A", "B"])
        #expect(counts.baskets == 1, "a purchase without lines is not a basket")
    }

    @Test func suggestionsAreWhatTheCustomerLacksOncePerSkuBestFirst() {
        let rules = AssociationRules.mine(Self.baskets, parameters: Self.loose)
        func suggested(_ bought: Set<String>, limit: Int = 3) -> [String] {
            AssociationRules.suggestions(for: bought, rules: rules, limit: limit).map {
                $0.antecedent + "→" + $0.consequent
            }
        }
        #expect(suggested(["A"]) == ["A→B", "A→C"])
        #expect(suggested(["A"], limit: 1) == ["A→B"])
        // B is reached from A (lift 1.28) and from C (0.8): once, by the better rule; A and C are bought.
        #expect(suggested(["A", "C"]) == ["A→B"])
        #expect(suggested(["C"]) == ["C→A", "C→B"])
        #expect(suggested(["D"]) == [] && suggested([]) == [])
        #expect(AssociationRules.suggestions(for: ["A"], rules: rules.reversed()).map(\.consequent) == ["B", "C"])
    }
}
