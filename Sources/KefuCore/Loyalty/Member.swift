public import Foundation

/// A customer enrolled in the loyalty program: their member number, tier and points balance (the sum of their
/// ledger's movements). One membership per customer; the consent to join is recorded with who took it.
public struct Member: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var customerID: UUID
    /// From 1, never reused; shown as `number(_:)` writes it.
    public var sequence: Int
    public var tier: String
    public var balance: Int
    public var consentAt: Date
    public var consentBy: UUID?
    public var createdAt: Date
    public var updatedAt: Date
    /// The member whose referral code they joined with: that member earns `loyalty.referral` points on their
    /// first purchase.
    public var referredBy: UUID?

    public init(
        id: UUID, customerID: UUID, sequence: Int, tier: String, balance: Int, consentAt: Date, consentBy: UUID?,
        createdAt: Date, updatedAt: Date, referredBy: UUID? = nil
    ) {
        self.id = id
        self.customerID = customerID
        self.sequence = sequence
        self.tier = tier
        self.balance = balance
        self.consentAt = consentAt
        self.consentBy = consentBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.referredBy = referredBy
    }

    /// The sequence a member number names, `M00000042` or `42` (case and surrounding space aside); nil for
    /// anything else. A member's number is also their referral code.
    public static func sequence(of number: String) -> Int? {
        let text = number.trimmingWhitespace().uppercased()
        let digits = text.hasPrefix("M") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy(\.isASCII), let value = Int(digits), value > 0
        else { return nil }
        return value
    }

    /// The member number as printed on a card and encoded in its QR code: `M` and eight digits (`M00000042`).
    public var number: String {
        let digits = String(sequence)
        return "M" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
