public import Foundation

/// What members may redeem points for (`loyalty.rewards`): a discount off a purchase or a gift, at a price in
/// points. The till redeems by the reward's id, so the ledger says what the points bought, not just how many.
public struct LoyaltyReward: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Money off the purchase: `value` minor units.
        case discount
        /// An item handed over: `sku`, worth `value` minor units at retail.
        case gift
    }

    public var id: String
    public var name: String
    public var points: Int
    public var kind: Kind
    /// Minor units: the discount, or the gift's retail value.
    public var value: Int
    public var sku: String?

    public init(id: String, name: String, points: Int, kind: Kind, value: Int, sku: String? = nil) {
        self.id = id
        self.name = name
        self.points = points
        self.kind = kind
        self.value = value
        self.sku = sku
    }

    /// What is wrong with this reward, its fields named `loyalty.rewards[index].field`.
    func validationErrors(at index: Int) -> [FieldError] {
        let prefix = "loyalty.rewards[\(index)]."
        var errors: [FieldError] = []
        if !LoyaltySettings.isValidID(id) {
            errors.append(
                FieldError(
                    field: prefix + "id", code: "invalid", message: "A reward id is 1–40 letters, digits, - or _."))
        }
        if name.trimmingWhitespace().isEmpty {
            errors.append(FieldError(field: prefix + "name", code: "required", message: "Name the reward."))
        }
        if !(1...100_000_000).contains(points) {
            errors.append(
                FieldError(
                    field: prefix + "points", code: "out_of_range", message: "A reward costs 1–100000000 points."))
        }
        if value < 0 {
            errors.append(
                FieldError(field: prefix + "value", code: "out_of_range", message: "A reward's value is not negative."))
        }
        if kind == .gift, (sku ?? "").trimmingWhitespace().isEmpty {
            errors.append(FieldError(field: prefix + "sku", code: "required", message: "A gift names its sku."))
        }
        return errors
    }
}
