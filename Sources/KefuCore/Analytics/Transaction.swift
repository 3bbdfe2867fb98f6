public import Foundation

/// One purchase as the analytics see it: who, which day, how much. `line` is where it came from, so a
/// rule that rejects it (a date after the as-of date) can name the row.
public struct Transaction: Sendable, Hashable {
    public let customerID: String
    public let day: CalendarDay
    public let amount: Decimal
    public let line: Int?

    public init(customerID: String, day: CalendarDay, amount: Decimal, line: Int? = nil) {
        self.customerID = customerID
        self.day = day
        self.amount = amount
        self.line = line
    }

    /// Rejects transactions after `asOf`; the analytics never silently drop data (the `lifetimes` library
    /// does, which hides a wrong as-of date).
    static func checkNotAfter(_ asOf: CalendarDay, _ transactions: [Transaction]) throws(CalcInputError) {
        for transaction in transactions where transaction.day > asOf {
            throw CalcInputError(
                line: transaction.line,
                "date \(transaction.day) of customer \"\(transaction.customerID)\" is after the as-of date \(asOf)")
        }
    }
}

extension String {
    /// Byte-order comparison of customer ids, the tie-break the issue fixes (not locale collation).
    static func precedesBytewise(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
