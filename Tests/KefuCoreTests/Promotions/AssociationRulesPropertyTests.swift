import Testing

@testable import KefuCore

/// The miner and the suggestions against brute force on small random baskets: every ordered pair of skus counted
/// by scanning every basket, filtered by the parameters, ranked by exact fractions compared cross-multiplied.
@Suite struct AssociationRulesPropertyTests {
    static let skus = ["A", "B", "C", "D", "E", "F"]

    static func naive(_ baskets: [Set<String>], _ p: AssociationRules.Parameters) -> [AssociationRule] {
        let counted = baskets.filter { !$0.isEmpty }
        let n = counted.count
        var rules: [AssociationRule] = []
        for x in skus {
            for y in skus where x != y {
                let both = counted.filter { $0.contains(x) && $0.contains(y) }.count
                let cx = counted.filter { $0.contains(x) }.count
                let cy = counted.filter { $0.contains(y) }.count
                guard both > 0, both >= p.minBasketsBoth, Double(both) / Double(n) >= p.minSupport,
                    Double(both) / Double(cx) >= p.minConfidence
                else { continue }
                rules.append(
                    AssociationRule(
                        antecedent: x, consequent: y, basketsBoth: both, basketsAntecedent: cx, basketsConsequent: cy,
                        baskets: n))
            }
        }
        // lift₁ > lift₂ ⇔ both₁·cx₂·cy₂ > both₂·cx₁·cy₁ (same n); confidence₁ > confidence₂ ⇔ both₁·cx₂ > both₂·cx₁.
        let sorted = rules.sorted { a, b in
            let lift = (
                a.basketsBoth * b.basketsAntecedent * b.basketsConsequent,
                b.basketsBoth * a.basketsAntecedent * a.basketsConsequent
            )
            if lift.0 != lift.1 { return lift.0 > lift.1 }
            let confidence = (a.basketsBoth * b.basketsAntecedent, b.basketsBoth * a.basketsAntecedent)
            if confidence.0 != confidence.1 { return confidence.0 > confidence.1 }
            return a.antecedent + a.consequent < b.antecedent + b.consequent
        }
        return Array(sorted.prefix(p.maxRules))
    }

    /// Per sku not bought, the first rule from a bought sku in the ranked list; then the first `limit`.
    static func naiveSuggestions(_ bought: Set<String>, _ ranked: [AssociationRule], limit: Int) -> [AssociationRule] {
        let best = skus.filter { !bought.contains($0) }.compactMap { sku in
            ranked.first { $0.consequent == sku && bought.contains($0.antecedent) }
        }
        return Array(ranked.filter { rule in best.contains(rule) }.prefix(limit))
    }

    @Test func minedRulesMatchBruteForce() {
        var random = SplitMix(seed: 20_261_203)
        var found = 0
        for _ in 0..<400 {
            let baskets = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                Set(Self.skus.shuffled(using: &random).prefix(Int.random(in: 0...4, using: &random)))
            }
            let parameters = AssociationRules.Parameters(
                minSupport: [0, 0.05, 0.1, 0.3].randomElement(using: &random)!,
                minConfidence: [0, 0.2, 0.5, 0.9].randomElement(using: &random)!,
                minBasketsBoth: [1, 2, 3].randomElement(using: &random)!,
                maxRules: [1, 5, 100].randomElement(using: &random)!)
            // MUT
            let mined = AssociationRules.mine(baskets.map { Array($0) }, parameters: parameters)
            // validate
            let expected = Self.naive(baskets, parameters)
            #expect(mined == expected, "\(baskets) \(parameters)")
            found += mined.count
            let bought = Set(Self.skus.filter { _ in Bool.random(using: &random) })
            let limit = Int.random(in: 1...4, using: &random)
            #expect(
                AssociationRules.suggestions(for: bought, rules: mined.shuffled(using: &random), limit: limit)
                    == Self.naiveSuggestions(bought, expected, limit: limit))
        }
        #expect(found > 1_000, "the cases should find rules, not only agree on none")
    }
}
