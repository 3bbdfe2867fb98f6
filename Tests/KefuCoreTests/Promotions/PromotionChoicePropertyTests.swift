import Foundation
import Testing

@testable import KefuCore

/// The engine's choice against brute force: on small random baskets and promotion sets, every allowed choice
/// (all ungrouped promotions, at most one per group) is priced literally, and the engine's quote must be the
/// best of them by benefit, then fewer applied entries, then the smaller sorted id list.
@Suite struct PromotionChoicePropertyTests {
    static let skus = ["A", "B", "C", "D"]
    static let categories = ["tea", "ware"]

    static func basket(_ random: inout SplitMix) -> Basket {
        let lines = skus.shuffled(using: &random).prefix(Int.random(in: 1...4, using: &random)).map { sku in
            BasketLine(
                sku: sku, category: categories.randomElement(using: &random)!,
                quantity: Int.random(in: 1...3, using: &random),
                unitPrice: [0, 300, 500, 800, 1000, 1200].randomElement(using: &random)!)
        }
        return try! Basket(
            at: Date(timeIntervalSince1970: 1_771_000_000), tier: Bool.random(using: &random) ? "VIP" : nil,
            lines: Array(lines))
    }

    static func promotion(_ id: String, _ random: inout SplitMix) -> Promotion {
        let money = { (random: inout SplitMix) in [100, 300, 500, 1000, 1500, 2000].randomElement(using: &random)! }
        let kind: PromotionKind
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            kind = .memberPrice(
                prices: Dictionary(
                    uniqueKeysWithValues: skus.shuffled(using: &random).prefix(2).map {
                        ($0, ["VIP": money(&random) / 2])
                    }))
        case 1:
            kind = .bundle(
                skus: Array(skus.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random))),
                price: money(&random))
        case 2:
            kind = .percentOff(percent: [5, 10, 20, 50].randomElement(using: &random)!)
        case 3:
            let repeats = Bool.random(using: &random)
            kind = .threshold(
                threshold: money(&random), off: money(&random) / 2, repeats: repeats,
                cap: repeats && Bool.random(using: &random) ? money(&random) : nil)
        case 4:
            kind = .amountOff(off: money(&random), minSpend: [0, 500, 2000].randomElement(using: &random)!)
        default:
            kind = .gift(
                threshold: money(&random),
                gift: PromotionGift(sku: "G", quantity: 1, value: [0, 200, 700].randomElement(using: &random)!))
        }
        let scope =
            Int.random(in: 0..<3, using: &random) == 0
            ? PromotionScope(
                skus: [skus.randomElement(using: &random)!], categories: [categories.randomElement(using: &random)!])
            : nil
        return try! Promotion(
            id: id, kind: kind, priority: Int.random(in: 0...1, using: &random),
            group: [nil, nil, "g1", "g2", "g3"].randomElement(using: &random)!,
            conditions: PromotionConditions(
                tiers: Int.random(in: 0..<6, using: &random) == 0 ? ["VIP"] : nil, scope: scope))
    }

    /// Every choice the engine may make: all ungrouped promotions, and none or one of each group.
    static func allowedChoices(_ promotions: [Promotion]) -> [[Promotion]] {
        var choices: [[Promotion]] = [promotions.filter { $0.group == nil }]
        for group in Set(promotions.compactMap(\.group)).sorted() {
            let members = promotions.filter { $0.group == group }
            choices = choices.flatMap { choice in [choice] + members.map { choice + [$0] } }
        }
        return choices
    }

    /// True when `a` is a better quote than `b` by the contract's rules.
    static func better(_ a: Quote, than b: Quote) -> Bool {
        if a.benefit != b.benefit { return a.benefit > b.benefit }
        if a.applied.count != b.applied.count { return a.applied.count < b.applied.count }
        let ids = { (quote: Quote) in
            quote.applied.map { Array($0.id.unicodeScalars) }.sorted { $0.lexicographicallyPrecedes($1) }
        }
        return ids(a).lexicographicallyPrecedes(ids(b)) { $0.lexicographicallyPrecedes($1) }
    }

    @Test func theEnginesChoiceIsTheBestAllowedOne() {
        var random = SplitMix(seed: 20_260_214)
        var grouped = 0
        for _ in 0..<200 {
            let basket = Self.basket(&random)
            let promotions = (0..<Int.random(in: 1...7, using: &random)).map { Self.promotion("p\($0)", &random) }
                .shuffled(using: &random)
            let quote = PromotionEngine.quote(basket, promotions: promotions)
            #expect(quote.applied.reduce(0) { $0 + $1.discount } == quote.discount)
            #expect(quote.total >= 0 && quote.subtotal - quote.total == quote.discount)
            #expect(quote.explanation.count == quote.applied.count)
            var best: Quote?
            for choice in Self.allowedChoices(promotions) {
                let priced = PromotionEngine.price(basket, applying: choice)
                #expect(priced.benefit <= quote.benefit, "\(choice.map(\.id)) beats \(quote.applied.map(\.id))")
                if best.map({ Self.better(priced, than: $0) }) ?? true { best = priced }
            }
            #expect(best == quote, "\(basket) \(promotions)")
            if Set(promotions.compactMap(\.group)).count > 1 { grouped += 1 }
        }
        // The generator exercises the choice, not only ungrouped sets.
        #expect(grouped > 50)
    }
}
