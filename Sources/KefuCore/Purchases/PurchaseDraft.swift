public import Foundation

/// What `POST /api/v1/purchases` gives (later also a row of `kefu import purchases`).
/// `validated(now:defaultCurrency:)` turns it into the values a `Purchase` is made from.
public struct PurchaseDraft: Codable, Sendable, Equatable {
    public var customerID: UUID
    public var branchID: UUID?
    /// Required; optional here so a missing one is reported with the other field errors.
    public var purchasedAt: Date?
    /// Integer minor units; required, as `purchasedAt`.
    public var total: Int?
    /// ISO 4217; nil means the business currency.
    public var currency: String?
    public var items: [PurchaseItem]
    /// Where the purchase comes from (a till, a shop system) and its id there: together they identify a
    /// purchase sent again, which is then not recorded twice.
    public var source: String?
    public var externalRef: String?
    /// The promotions the till's quote applied, each at most once.
    public var promotions: [PurchasePromotion]

    public init(
        customerID: UUID, branchID: UUID? = nil, purchasedAt: Date?, total: Int?, currency: String? = nil,
        items: [PurchaseItem] = [], source: String? = nil, externalRef: String? = nil,
        promotions: [PurchasePromotion] = []
    ) {
        self.customerID = customerID
        self.branchID = branchID
        self.purchasedAt = purchasedAt
        self.total = total
        self.currency = currency
        self.items = items
        self.source = source
        self.externalRef = externalRef
        self.promotions = promotions
    }

    enum CodingKeys: String, CodingKey {
        case customerID = "customer_id"
        case branchID = "branch_id"
        case purchasedAt = "purchased_at"
        case total, currency, items, source
        case externalRef = "external_ref"
        case promotions
    }

    /// `items` and `promotions` may be left out of a request.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            customerID: try c.decode(UUID.self, forKey: .customerID),
            branchID: try c.decodeIfPresent(UUID.self, forKey: .branchID),
            purchasedAt: try c.decodeIfPresent(Date.self, forKey: .purchasedAt),
            total: try c.decodeIfPresent(Int.self, forKey: .total),
            currency: try c.decodeIfPresent(String.self, forKey: .currency),
            items: try c.decodeIfPresent([PurchaseItem].self, forKey: .items) ?? [],
            source: try c.decodeIfPresent(String.self, forKey: .source),
            externalRef: try c.decodeIfPresent(String.self, forKey: .externalRef),
            promotions: try c.decodeIfPresent([PurchasePromotion].self, forKey: .promotions) ?? [])
    }
}
