public import Foundation
public import KefuCore

/// Pricing a basket the way the server does (issue 15 §3): the promotion engine with the stored active
/// promotions, once the coupon codes no stored coupon allows now (for `customerID`) are taken out of the basket and
/// the promotions `customerID` is held out of (`PromotionHoldout`) are left aside. The API and the promotions page
/// both price through here.
public struct Quoting: Sendable {
    private let promotions: PromotionRepository
    private let coupons: CouponRepository

    public init(_ database: KefuDatabase) {
        promotions = PromotionRepository(database)
        coupons = CouponRepository(database)
    }

    /// The quote, each coupon code left out with why, by code, and the ids of the promotions the customer is held
    /// out of, in id order (none without a customer). A `draft` (the promotion being edited) is priced as if it
    /// were saved and active, in place of a stored one with its id.
    public func quote(_ basket: Basket, customerID: UUID?, chinese: Bool, now: Date, draft: Promotion? = nil)
        async throws -> (quote: Quote, rejected: [(code: String, reason: Coupon.Refusal)], heldOut: [String])
    {
        let refused = try await coupons.refusals(basket.coupons, customerID: customerID, now: now)
        let honoured = try Basket(
            at: basket.at, tier: basket.tier, branch: basket.branch,
            coupons: basket.coupons.filter { refused[$0] == nil }, lines: basket.lines)
        let active = try await promotions.active().filter { $0.promotion.id != draft?.id }
        let heldOut = active.filter { stored in
            customerID.map {
                PromotionHoldout.isHeldOut(promotion: stored.promotion.id, customer: $0, percent: stored.holdoutPercent)
            } ?? false
        }.map(\.promotion.id)
        let offered = active.map(\.promotion).filter { !heldOut.contains($0.id) }
        return (
            PromotionEngine.quote(honoured, promotions: offered + (draft.map { [$0] } ?? []), chinese: chinese),
            refused.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, heldOut
        )
    }
}
