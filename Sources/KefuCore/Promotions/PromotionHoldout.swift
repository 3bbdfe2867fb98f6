public import Foundation

/// The random holdout group of a promotion (issue 15 §4): a share of customers who are never offered it, so its
/// incremental revenue can be measured against them. Membership is a stable hash — FNV-1a (64-bit) of
/// `"<promotion id>:<customer uuid lowercased>"` modulo 100 — so a customer stays in or out of a promotion's holdout
/// on every quote and in every report, on any server, without storing anything.
public enum PromotionHoldout {
    /// The largest share (percent) of customers a promotion may hold out.
    public static let maxPercent = 50

    /// The customer's bucket for the promotion, 0–99.
    public static func bucket(promotion: String, customer: UUID) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (promotion + ":" + customer.uuidString.lowercased()).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int(hash % 100)
    }

    /// Whether the customer is in the holdout of a promotion holding out `percent` of customers.
    public static func isHeldOut(promotion: String, customer: UUID, percent: Int) -> Bool {
        bucket(promotion: promotion, customer: customer) < percent
    }
}
