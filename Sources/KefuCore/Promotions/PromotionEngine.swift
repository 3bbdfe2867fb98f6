/// Prices a basket against promotions (docs/SCIENCE.md §10): member prices, then bundles, then order-level
/// discounts and gifts, choosing exactly the combination best for the customer. Pure and deterministic: the
/// same basket and promotions give the same quote, whatever their order in the input.
public enum PromotionEngine {
    /// The quote with the best allowed choice of the promotions whose conditions hold for `basket`, explained
    /// in Chinese or English.
    public static func quote(_ basket: Basket, promotions: [Promotion], chinese: Bool = false) -> Quote {
        let plan = PromotionPlan(basket: basket, promotions: promotions)
        return quote(basket, plan: plan, chosen: plan.bestChoice(), chinese: chinese)
    }

    /// The quote with every one of `promotions` whose conditions hold applied, groups or not: what a choice
    /// comes to, for an editor's preview and for checking the engine's choice against every other.
    public static func price(_ basket: Basket, applying promotions: [Promotion], chinese: Bool = false) -> Quote {
        let plan = PromotionPlan(basket: basket, promotions: promotions)
        return quote(basket, plan: plan, chosen: Array(repeating: true, count: plan.promotions.count), chinese: chinese)
    }

    private static func quote(_ basket: Basket, plan: PromotionPlan, chosen: [Bool], chinese: Bool) -> Quote {
        let pricing = plan.price(chosen)
        let lines = basket.lines.indices.map { line in
            QuoteLine(
                sku: basket.lines[line].sku, quantity: basket.lines[line].quantity,
                unitPrice: basket.lines[line].unitPrice, memberUnitPrice: pricing.unitPrices[line],
                bundledQuantity: pricing.bundled[line])
        }
        var applied: [AppliedPromotion] = []
        var gifts: [QuoteGift] = []
        var explanation: [String] = []
        for step in pricing.steps {
            let promotion = plan.promotions[step.index]
            applied.append(AppliedPromotion(id: promotion.id, kind: promotion.kind.name, discount: step.discount))
            if case .gift(_, let gift) = promotion.kind {
                gifts.append(
                    QuoteGift(sku: gift.sku, quantity: gift.quantity, value: gift.value, promotion: promotion.id))
            }
            explanation.append(
                PromotionExplanation.line(
                    promotion, discount: step.discount, times: step.times, tier: basket.tier, chinese: chinese))
        }
        return Quote(
            subtotal: plan.subtotal, discount: plan.subtotal - pricing.total, total: pricing.total, lines: lines,
            applied: applied, gifts: gifts, explanation: explanation)
    }
}
