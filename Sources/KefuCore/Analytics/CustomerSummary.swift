import Foundation

/// The length of a period in customer summaries: calendar days, or Monday–Sunday weeks.
public enum SummaryPeriod: String, Sendable, Hashable, CaseIterable {
    case day
    case week

    /// Periods per month for CLV discounting: 30 days, or 4.345 weeks.
    public var periodsPerMonth: Double {
        switch self {
        case .day: return 30
        case .week: return 4.345
        }
    }

    func index(of day: CalendarDay) -> Int {
        switch self {
        case .day: return day.dayNumber
        case .week: return day.weekNumber
        }
    }
}

/// A customer's purchase history reduced to what BG/NBD and Gamma-Gamma need, in the definitions of
/// Fader, Hardie & Lee (2005) and the `lifetimes` library: `frequency` repeat periods with a purchase,
/// `recency` periods from the first to the last, `age` (T) periods from the first to the end of
/// observation, `monetaryValue` the mean spend of the repeat periods (nil when the input has none).
public struct CustomerSummary: Sendable, Hashable {
    public let customerID: String
    public let frequency: Int
    public let recency: Double
    public let age: Double
    public let monetaryValue: Double?

    public init(customerID: String, frequency: Int, recency: Double, age: Double, monetaryValue: Double? = nil) {
        self.customerID = customerID
        self.frequency = frequency
        self.recency = recency
        self.age = age
        self.monetaryValue = monetaryValue
    }

    /// Summaries from raw transactions, one per customer sorted by id (byte order).
    ///
    /// Purchases in the same period count once, their amounts summed; the first period is the
    /// acquisition and is left out of `frequency` and `monetaryValue`. A transaction after `asOf` throws,
    /// naming its row.
    public static func summarize(
        _ transactions: [Transaction], asOf: CalendarDay, period: SummaryPeriod
    ) throws(CalcInputError) -> [CustomerSummary] {
        try Transaction.checkNotAfter(asOf, transactions)
        var periodsByCustomer: [String: [Int: Decimal]] = [:]
        for transaction in transactions {
            periodsByCustomer[transaction.customerID, default: [:]][period.index(of: transaction.day), default: 0] +=
                transaction.amount
        }
        let end = period.index(of: asOf)
        var summaries: [CustomerSummary] = []
        summaries.reserveCapacity(periodsByCustomer.count)
        for (customerID, spendByPeriod) in periodsByCustomer {
            let first = spendByPeriod.keys.min()!
            let last = spendByPeriod.keys.max()!
            let frequency = spendByPeriod.count - 1
            var repeatSpend: Decimal = 0
            for (index, spend) in spendByPeriod where index != first { repeatSpend += spend }
            let monetary = frequency == 0 ? 0 : (repeatSpend / Decimal(frequency)).nearestDouble
            summaries.append(
                CustomerSummary(
                    customerID: customerID, frequency: frequency, recency: Double(last - first),
                    age: Double(end - first), monetaryValue: monetary))
        }
        summaries.sort { String.precedesBytewise($0.customerID, $1.customerID) }
        return summaries
    }
}
