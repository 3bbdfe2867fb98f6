/// What a period's purchases say about one stored promotion (issue 15 §4, 001 §营销效果评估方法): its
/// redemptions and their cost, the revenue of the purchases that used it, the customers it won, and the CSAT of the
/// customers who used it. `PromotionEffectReport` adds the holdout comparison.
public struct PromotionEffect: Sendable, Equatable {
    public var promotion: String
    /// The kind's name (`PromotionKind.name`).
    public var kind: String
    public var holdoutPercent: Int
    /// Purchases in the period that used it (refunds are not purchases).
    public var redemptions: Int
    /// Distinct customers among them.
    public var customers: Int
    /// Σ discount, minor units.
    public var discountCost: Int
    /// Σ total of those purchases, minor units.
    public var revenue: Int
    /// Customers whose first-ever purchase used it.
    public var newCustomers: Int
    /// The mean CSAT score (1–5) of the period's answers by customers who used it; nil when none.
    public var satisfaction: Double?

    public init(
        promotion: String, kind: String, holdoutPercent: Int, redemptions: Int = 0, customers: Int = 0,
        discountCost: Int = 0, revenue: Int = 0, newCustomers: Int = 0, satisfaction: Double? = nil
    ) {
        self.promotion = promotion
        self.kind = kind
        self.holdoutPercent = holdoutPercent
        self.redemptions = redemptions
        self.customers = customers
        self.discountCost = discountCost
        self.revenue = revenue
        self.newCustomers = newCustomers
        self.satisfaction = satisfaction
    }
}
