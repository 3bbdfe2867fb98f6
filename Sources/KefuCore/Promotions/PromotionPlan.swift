/// One basket's applicable promotions, compiled against its lines once so that pricing any choice of them
/// touches only integer arrays: member prices become (line, price) pairs, bundles and scopes line indices.
/// Promotions that can never change anything here (no price for the basket's tier, a bundle sku not in the
/// basket, nothing in scope, an amount or a gift worth 0) are left out: applied or not, they do nothing.
struct PromotionPlan {
    let quantities: [Int]
    /// The original unit prices.
    let unitPrices: [Int]
    let subtotal: Int
    /// The promotions that may apply, in application order: stage, then descending priority, then id by code
    /// point.
    let promotions: [Promotion]
    let effects: [Effect]
    /// Each promotion's group as an index into the group names, nil for none.
    let groups: [Int?]
    let groupCount: Int
    /// Each promotion's place when the ids are sorted by code point: comparing ranks compares ids.
    let idRanks: [Int]

    enum Effect {
        /// Stage 1: the price each line may drop to.
        case memberPrice([(line: Int, price: Int)])
        /// Stage 2: one unit of each line per set.
        case bundle(lines: [Int], price: Int)
        /// Stage 3 over the lines in scope (nil: every line).
        case order(scope: [Int]?, OrderRule)
    }

    enum OrderRule {
        case percentOff(percent: Int)
        case threshold(threshold: Int, off: Int, repeats: Bool, cap: Int?)
        case amountOff(off: Int, minSpend: Int)
        case gift(threshold: Int, value: Int)

        /// What the rule takes off a base before the payable cap, or, for a gift, the gift's value.
        func amount(base: Int) -> Int {
            switch self {
            case .percentOff(let percent):
                return base * percent / 100
            case .threshold(let threshold, let off, let repeats, let cap):
                guard base >= threshold else { return 0 }
                guard repeats else { return off }
                let (times, overflow) = off.multipliedReportingOverflow(by: base / threshold)
                return min(overflow ? Int.max : times, cap ?? Int.max)
            case .amountOff(let off, let minSpend):
                return base >= minSpend ? min(off, base) : 0
            case .gift(let threshold, let value):
                return base >= threshold ? value : 0
            }
        }

        var isGift: Bool {
            if case .gift = self { return true }
            return false
        }
    }

    init(basket: Basket, promotions: [Promotion]) {
        quantities = basket.lines.map(\.quantity)
        unitPrices = basket.lines.map(\.unitPrice)
        subtotal = basket.subtotal
        var lineOfSku: [String: Int] = Dictionary(minimumCapacity: basket.lines.count)
        for (index, line) in basket.lines.enumerated() { lineOfSku[line.sku] = index }
        var linesOfCategory: [String: [Int]]?
        func scopeLines(_ scope: PromotionScope?) -> [Int]? {
            guard let scope else { return nil }
            if linesOfCategory == nil {
                linesOfCategory = Dictionary(grouping: basket.lines.indices) { basket.lines[$0].category }
            }
            var lines = Set(scope.skus.compactMap { lineOfSku[$0] })
            for category in scope.categories { lines.formUnion(linesOfCategory![category] ?? []) }
            return lines.sorted()
        }
        var kept: [Promotion] = []
        var effects: [Effect] = []
        for promotion in promotions where promotion.conditions.hold(for: basket) {
            let effect: Effect
            switch promotion.kind {
            case .memberPrice(let prices):
                guard let tier = basket.tier else { continue }
                // A price at or above the original one can never lower the current price.
                let cuts = basket.lines.indices.compactMap { line in
                    prices[basket.lines[line].sku]?[tier].flatMap {
                        $0 < basket.lines[line].unitPrice ? (line: line, price: $0) : nil
                    }
                }
                guard !cuts.isEmpty else { continue }
                effect = .memberPrice(cuts)
            case .bundle(let skus, let price):
                let lines = skus.compactMap { lineOfSku[$0] }
                guard lines.count == skus.count else { continue }
                effect = .bundle(lines: lines, price: price)
            case .percentOff(let percent):
                effect = .order(scope: scopeLines(promotion.conditions.scope), .percentOff(percent: percent))
            case .threshold(let threshold, let off, let repeats, let cap):
                guard off > 0, cap != 0 else { continue }
                effect = .order(
                    scope: scopeLines(promotion.conditions.scope),
                    .threshold(threshold: threshold, off: off, repeats: repeats, cap: cap))
            case .amountOff(let off, let minSpend):
                guard off > 0 else { continue }
                effect = .order(scope: scopeLines(promotion.conditions.scope), .amountOff(off: off, minSpend: minSpend))
            case .gift(let threshold, let gift):
                guard gift.value > 0 else { continue }
                effect = .order(
                    scope: scopeLines(promotion.conditions.scope), .gift(threshold: threshold, value: gift.value))
            }
            if case .order(let scope?, _) = effect, scope.isEmpty { continue }
            kept.append(promotion)
            effects.append(effect)
        }
        let order = kept.indices.sorted { Self.applies(kept[$0], before: kept[$1]) }
        let sorted = order.map { kept[$0] }
        self.promotions = sorted
        self.effects = order.map { effects[$0] }
        var idRanks = Array(repeating: 0, count: order.count)
        let byID = sorted.indices.sorted {
            sorted[$0].id.unicodeScalars.lexicographicallyPrecedes(sorted[$1].id.unicodeScalars)
        }
        for (rank, index) in byID.enumerated() { idRanks[index] = rank }
        self.idRanks = idRanks
        var groupIndex: [String: Int] = [:]
        groups = sorted.map { promotion in
            promotion.group.map { name in
                if let index = groupIndex[name] { return index }
                groupIndex[name] = groupIndex.count
                return groupIndex.count - 1
            }
        }
        groupCount = groupIndex.count
    }

    /// Stage first, then descending priority, then id by Unicode code point (not `String`'s `<`, which
    /// compares canonically equivalent text as equal).
    static func applies(_ a: Promotion, before b: Promotion) -> Bool {
        if a.kind.stage != b.kind.stage { return a.kind.stage < b.kind.stage }
        if a.priority != b.priority { return a.priority > b.priority }
        return a.id.unicodeScalars.lexicographicallyPrecedes(b.id.unicodeScalars)
    }
}
