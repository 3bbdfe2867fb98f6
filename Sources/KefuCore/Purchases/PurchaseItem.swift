/// One line of a purchase: what was bought, how many, at what unit price (integer minor units in the
/// purchase's currency). A refund's lines are the refunded quantities of the original's lines.
public struct PurchaseItem: Codable, Sendable, Equatable {
    public var sku: String
    public var name: String
    public var category: String?
    public var quantity: Int
    public var unitPrice: Int

    public init(sku: String, name: String, category: String? = nil, quantity: Int, unitPrice: Int) {
        self.sku = sku
        self.name = name
        self.category = category
        self.quantity = quantity
        self.unitPrice = unitPrice
    }

    enum CodingKeys: String, CodingKey {
        case sku, name, category, quantity
        case unitPrice = "unit_price"
    }

    /// `category` is null when absent, as the API documents.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sku, forKey: .sku)
        try c.encode(name, forKey: .name)
        try c.encode(category, forKey: .category)
        try c.encode(quantity, forKey: .quantity)
        try c.encode(unitPrice, forKey: .unitPrice)
    }
}
