/// A promotion a purchase used, as the till's quote applied it (issue 15 §4): the stored promotion's id and the
/// discount it gave, in minor units. The promotion effectiveness report counts redemptions and their cost from these.
public struct PurchasePromotion: Codable, Sendable, Equatable {
    public var id: String
    public var discount: Int

    public init(id: String, discount: Int) {
        self.id = id
        self.discount = discount
    }
}
