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

    public init(
        id: UUID, customerID: UUID, sequence: Int, tier: String, balance: Int, consentAt: Date, consentBy: UUID?,
        createdAt: Date, updatedAt: Date
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
    }

    /// The member number as printed on a card and encoded in its QR code: `M` and eight digits (`M00000042`).
    public var number: String {
        let digits = String(sequence)
        return "M" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
