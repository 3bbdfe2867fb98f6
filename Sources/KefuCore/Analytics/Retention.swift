/// Churn over a window and monthly-cohort retention, from raw transactions.
public struct RetentionReport: Sendable, Hashable {
    /// Share of the previous window's customers with no purchase in the recent window; nil when the
    /// previous window had no customers.
    public let churnRate: Double?
    public let previousWindowCustomers: Int
    public let churnedCustomers: Int
    public let cohorts: [RetentionCohort]
}

/// Customers acquired in one calendar month and the share of them buying again k months later.
public struct RetentionCohort: Sendable, Hashable {
    /// `YYYY-MM`.
    public let cohort: String
    public let customers: Int
    /// Cell k = share of the cohort with a purchase in month cohort + k; cell 0 is 1.
    public let retention: [Double]
}

public enum Retention {
    /// The recent window is the `windowDays` days ending on `asOf` (inclusive), the previous window the
    /// `windowDays` days before it. Cohorts run up to the as-of month.
    public static func report(
        _ transactions: [Transaction], asOf: CalendarDay, windowDays: Int
    ) throws(CalcInputError) -> RetentionReport {
        guard windowDays > 0 else { throw CalcInputError(line: nil, "the window must be at least one day") }
        try Transaction.checkNotAfter(asOf, transactions)
        let recentStart = asOf.dayNumber - windowDays + 1
        let previousStart = recentStart - windowDays
        var previous = Set<String>()
        var recent = Set<String>()
        var months: [String: Set<Int>] = [:]
        for t in transactions {
            let day = t.day.dayNumber
            if day >= recentStart {
                recent.insert(t.customerID)
            } else if day >= previousStart {
                previous.insert(t.customerID)
            }
            months[t.customerID, default: []].insert(t.day.monthNumber)
        }
        let churned = previous.subtracting(recent).count

        var cohortMembers: [Int: [Set<Int>]] = [:]
        for (_, active) in months { cohortMembers[active.min()!, default: []].append(active) }
        let lastMonth = asOf.monthNumber
        let cohorts = cohortMembers.keys.sorted().map { start in
            let members = cohortMembers[start]!
            let retention = (0...(lastMonth - start)).map { k in
                Double(members.filter { $0.contains(start + k) }.count) / Double(members.count)
            }
            return RetentionCohort(cohort: monthLabel(start), customers: members.count, retention: retention)
        }
        return RetentionReport(
            churnRate: previous.isEmpty ? nil : Double(churned) / Double(previous.count),
            previousWindowCustomers: previous.count, churnedCustomers: churned, cohorts: cohorts)
    }

    private static func monthLabel(_ monthNumber: Int) -> String {
        let year = 1970 + Int((Double(monthNumber) / 12).rounded(.down))
        let month = monthNumber - (year - 1970) * 12 + 1
        return "\(year)-\(month < 10 ? "0" : "")\(month)"
    }
}
