public import Foundation

/// A recorded purchase, or a refund of one (`refundOf` set, `total` negative). Purchases feed the
/// customer's lifecycle stage, timeline and, later, tiers, RFM and CLV (DOMAIN §6). Encodes as the
/// API's purchase JSON.
public struct Purchase: Codable, Sendable, Equatable, Identifiable {
    public var id: UUID
    public var customerID: UUID
    public var branchID: UUID?
    public var purchasedAt: Date
    /// Integer minor units of `currency`; negative for a refund.
    public var total: Int
    public var currency: String
    public var items: [PurchaseItem]
    public var source: String?
    public var externalRef: String?
    public var refundOf: UUID?
    public var createdAt: Date
    /// The promotions the purchase used; none on a refund.
    public var promotions: [PurchasePromotion]

    public init(
        id: UUID, customerID: UUID, branchID: UUID?, purchasedAt: Date, total: Int, currency: String,
        items: [PurchaseItem], source: String?, externalRef: String?, refundOf: UUID?, createdAt: Date,
        promotions: [PurchasePromotion] = []
    ) {
        self.id = id
        self.customerID = customerID
        self.branchID = branchID
        self.purchasedAt = purchasedAt
        self.total = total
        self.currency = currency
        self.items = items
        self.source = source
        self.externalRef = externalRef
        self.refundOf = refundOf
        self.createdAt = createdAt
        self.promotions = promotions
    }

    /// A purchase made of a validated draft.
    public init(id: UUID, draft: PurchaseDraft, currency: String, createdAt: Date) {
        self.init(
            id: id, customerID: draft.customerID, branchID: draft.branchID, purchasedAt: draft.purchasedAt ?? createdAt,
            total: draft.total ?? 0, currency: currency, items: draft.items, source: draft.source,
            externalRef: draft.externalRef, refundOf: nil, createdAt: createdAt, promotions: draft.promotions)
    }

    public var isRefund: Bool { refundOf != nil }

    enum CodingKeys: String, CodingKey {
        case id
        case customerID = "customer_id"
        case branchID = "branch_id"
        case purchasedAt = "purchased_at"
        case total, currency, items, source
        case externalRef = "external_ref"
        case refundOf = "refund_of"
        case createdAt = "created_at"
        case promotions
    }

    /// Optional members are null when absent, as the API documents.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(customerID, forKey: .customerID)
        try c.encode(branchID, forKey: .branchID)
        try c.encode(purchasedAt, forKey: .purchasedAt)
        try c.encode(total, forKey: .total)
        try c.encode(currency, forKey: .currency)
        try c.encode(items, forKey: .items)
        try c.encode(source, forKey: .source)
        try c.encode(externalRef, forKey: .externalRef)
        try c.encode(refundOf, forKey: .refundOf)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(promotions, forKey: .promotions)
    }
}

/// The timeline event kinds purchases write on the customer.
public enum PurchaseEventKind {
    public static let recorded = "purchase.recorded"
    public static let refunded = "purchase.refunded"
}
