public import Foundation

/// What a customer is about to buy, as the promotion engine prices it: when (windows are checked against
/// `at`), who (`tier`), where (`branch`), which coupon codes they hold, and one line per sku. Money is integer
/// minor units. Built valid or not at all, so the engine never meets a negative price or a repeated sku.
public struct Basket: Sendable, Equatable {
    public let at: Date
    public let tier: String?
    public let branch: String?
    public let coupons: [String]
    public let lines: [BasketLine]

    /// The basket, or the first line that breaks a rule: a quantity below 1, a negative price, a sku that
    /// already appeared, an amount over `Promotion.maximumAmount`.
    public init(at: Date, tier: String? = nil, branch: String? = nil, coupons: [String] = [], lines: [BasketLine])
        throws(PromotionInputError)
    {
        var positions: [String: Int] = [:]
        var subtotal = 0
        for (index, line) in lines.enumerated() {
            let subject = PromotionInputError.Subject.line(position: index + 1, sku: line.sku)
            if let earlier = positions.updateValue(index + 1, forKey: line.sku) {
                throw PromotionInputError(subject, field: "sku", "already on line \(earlier)")
            }
            guard line.quantity >= 1 else {
                throw PromotionInputError(subject, field: "quantity", "must be at least 1")
            }
            guard line.unitPrice >= 0 else {
                throw PromotionInputError(subject, field: "unit_price", "must not be negative")
            }
            let (amount, overflow) = line.quantity.multipliedReportingOverflow(by: line.unitPrice)
            guard !overflow, amount <= Promotion.maximumAmount else {
                throw PromotionInputError(
                    subject, field: "quantity", "quantity × unit_price is over \(Promotion.maximumAmount)")
            }
            subtotal += amount
            guard subtotal <= Promotion.maximumAmount else {
                throw PromotionInputError(.basket, field: "lines", "the subtotal is over \(Promotion.maximumAmount)")
            }
        }
        self.at = at
        self.tier = tier
        self.branch = branch
        self.coupons = coupons
        self.lines = lines
    }

    /// Σ quantity × unit price.
    public var subtotal: Int { lines.reduce(0) { $0 + $1.quantity * $1.unitPrice } }
}

/// One sku of a basket: how many units at which unit price, and its category (promotion scopes name skus or
/// categories).
public struct BasketLine: Sendable, Equatable {
    public let sku: String
    public let category: String
    public let quantity: Int
    public let unitPrice: Int

    public init(sku: String, category: String, quantity: Int, unitPrice: Int) {
        self.sku = sku
        self.category = category
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}
