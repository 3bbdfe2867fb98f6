/// The three stages run literally on one choice of promotions: the engine's final answer, and the reference
/// its search is tested against.
extension PromotionPlan {
    /// A basket after some promotions: stage-1 unit prices, bundled units, the steps that changed something
    /// (in application order) and what is left to pay.
    struct Pricing {
        var unitPrices: [Int]
        var bundled: [Int]
        var steps: [Step]
        var total: Int
    }

    /// A promotion that applied: what it took off (0 for a gift) and how many times (bundle sets, repeated
    /// thresholds; 1 otherwise).
    struct Step {
        let index: Int
        let discount: Int
        let times: Int
    }

    /// Stages 1 and 2 for the chosen promotions: member prices, then bundles on those prices.
    func priceStages(_ chosen: [Bool]) -> Pricing {
        var pricing = Pricing(
            unitPrices: unitPrices, bundled: Array(repeating: 0, count: quantities.count), steps: [], total: subtotal)
        for index in promotions.indices where chosen[index] {
            switch effects[index] {
            case .memberPrice(let cuts):
                var effect = 0
                for (line, price) in cuts where price < pricing.unitPrices[line] {
                    effect += quantities[line] * (pricing.unitPrices[line] - price)
                    pricing.unitPrices[line] = price
                }
                guard effect > 0 else { continue }
                pricing.steps.append(Step(index: index, discount: effect, times: 1))
                pricing.total -= effect
            case .bundle(let lines, let price):
                var sets = Int.max
                var setPrice = 0
                for line in lines {
                    sets = min(sets, quantities[line] - pricing.bundled[line])
                    setPrice += pricing.unitPrices[line]
                }
                guard sets > 0, setPrice > price else { continue }
                let saving = sets * (setPrice - price)
                for line in lines { pricing.bundled[line] += sets }
                pricing.steps.append(Step(index: index, discount: saving, times: sets))
                pricing.total -= saving
            case .order:
                continue
            }
        }
        return pricing
    }

    /// Σ quantity × stage-1 unit price over the unbundled units of `scope` (nil: every line).
    func base(_ scope: [Int]?, _ pricing: Pricing) -> Int {
        var base = 0
        if let scope {
            for line in scope { base += (quantities[line] - pricing.bundled[line]) * pricing.unitPrices[line] }
        } else {
            for line in quantities.indices {
                base += (quantities[line] - pricing.bundled[line]) * pricing.unitPrices[line]
            }
        }
        return base
    }

    /// All three stages for the chosen promotions: each order-level discount on its own base, capped at what
    /// is still payable; gifts whatever is left.
    func price(_ chosen: [Bool]) -> Pricing {
        var pricing = priceStages(chosen)
        let wholeBase = base(nil, pricing)
        for index in promotions.indices where chosen[index] {
            guard case .order(let scope, let rule) = effects[index] else { continue }
            let base = scope == nil ? wholeBase : self.base(scope, pricing)
            let amount = rule.amount(base: base)
            if rule.isGift {
                if amount > 0 { pricing.steps.append(Step(index: index, discount: 0, times: 1)) }
                continue
            }
            let discount = min(amount, pricing.total)
            guard discount > 0 else { continue }
            var times = 1
            if case .threshold(let threshold, _, true, _) = rule { times = base / threshold }
            pricing.steps.append(Step(index: index, discount: discount, times: times))
            pricing.total -= discount
        }
        return pricing
    }
}
