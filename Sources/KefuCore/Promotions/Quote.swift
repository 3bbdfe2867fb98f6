/// A priced basket: what the customer pays, line by line, which promotions made the difference and why, in the
/// JSON `kefu calc quote` prints and `POST /api/v1/quote` returns (docs/SCIENCE.md §10).
public struct Quote: Sendable, Equatable, Encodable {
    /// Σ quantity × original unit price.
    public let subtotal: Int
    /// subtotal − total, the sum of the `applied` discounts.
    public let discount: Int
    public let total: Int
    public let lines: [QuoteLine]
    /// The promotions that changed something, in the order they applied.
    public let applied: [AppliedPromotion]
    public let gifts: [QuoteGift]
    /// One line per `applied` entry, in that order.
    public let explanation: [String]

    /// What the customer gains: the discount plus the value of the gifts. The engine applies the choice of
    /// promotions that makes this greatest.
    public var benefit: Int { discount + gifts.reduce(0) { $0 + $1.value } }
}

/// A basket line after the promotions: its unit price after member prices (`member_unit_price`, the unit price
/// itself when none applied) and how many of its units went into bundles.
public struct QuoteLine: Sendable, Equatable, Encodable {
    public let sku: String
    public let quantity: Int
    public let unitPrice: Int
    public let memberUnitPrice: Int
    public let bundledQuantity: Int

    enum CodingKeys: String, CodingKey {
        case sku, quantity
        case unitPrice = "unit_price"
        case memberUnitPrice = "member_unit_price"
        case bundledQuantity = "bundled_quantity"
    }
}

/// A promotion that applied and what it took off (0 for a gift).
public struct AppliedPromotion: Sendable, Equatable, Encodable {
    public let id: String
    /// The kind's name (`threshold`, `gift`, …).
    public let kind: String
    public let discount: Int
}

/// A gift the basket earned: `quantity` units of `sku` worth `value` in all, from promotion `promotion`.
public struct QuoteGift: Sendable, Equatable, Encodable {
    public let sku: String
    public let quantity: Int
    public let value: Int
    public let promotion: String
}
