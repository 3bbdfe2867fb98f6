public import Foundation

/// The RFM segments, checked in this order; the first that matches wins.
public enum RFMSegment: String, Sendable, Hashable, CaseIterable {
    case champions
    case loyal
    case potentialLoyalist = "potential_loyalist"
    case new
    case needAttention = "need_attention"
    case atRisk = "at_risk"
    case hibernating
    case lost

    /// Segment from R and FM = ⌈(F + M) / 2⌉.
    public init(r: Int, f: Int, m: Int) {
        let fm = (f + m + 1) / 2
        switch (r, fm) {
        case (let r, let fm) where r >= 4 && fm >= 4: self = .champions
        case (let r, let fm) where r >= 3 && fm >= 3: self = .loyal
        case (let r, let fm) where r >= 4 && fm >= 2: self = .potentialLoyalist
        case (let r, _) where r >= 4: self = .new
        case (3, _): self = .needAttention
        case (_, let fm) where fm >= 3: self = .atRisk
        case (2, _): self = .hibernating
        default: self = .lost
        }
    }
}

/// One customer's RFM measures and 1–5 quintile scores.
public struct RFMScore: Sendable, Hashable {
    public let customerID: String
    /// Days from the last purchase to the as-of date.
    public let recencyDays: Int
    /// Number of purchases (rows).
    public let frequency: Int
    /// Total amount.
    public let monetary: Decimal
    public let r: Int
    public let f: Int
    public let m: Int
    public let segment: RFMSegment
}

/// RFM scoring by quintile of the customer base, deterministic under ties.
public enum RFM {
    /// Scores every customer: sorted ascending by the measure (R by days since the last purchase,
    /// descending, so the most recent get 5), ties by customer id in byte order, position i of n
    /// (1-based) scores ⌈5i/n⌉. Result sorted by customer id.
    public static func score(_ transactions: [Transaction], asOf: CalendarDay) throws(CalcInputError) -> [RFMScore] {
        try Transaction.checkNotAfter(asOf, transactions)
        struct Measures {
            var last: Int
            var count: Int
            var total: Decimal
        }
        var byCustomer: [String: Measures] = [:]
        for t in transactions {
            if var measures = byCustomer[t.customerID] {
                measures.last = max(measures.last, t.day.dayNumber)
                measures.count += 1
                measures.total += t.amount
                byCustomer[t.customerID] = measures
            } else {
                byCustomer[t.customerID] = Measures(last: t.day.dayNumber, count: 1, total: t.amount)
            }
        }
        let ids = byCustomer.keys.sorted(by: String.precedesBytewise)
        let n = ids.count
        let measures = ids.map { byCustomer[$0]! }
        let recency = measures.map { asOf.dayNumber - $0.last }

        // `ids` is already in byte order, so a stable sort by the measure breaks ties by id.
        func scores(_ before: (Int, Int) -> Bool) -> [Int] {
            let order = Array(0..<n).sorted { lhs, rhs in before(lhs, rhs) || (!before(rhs, lhs) && lhs < rhs) }
            var result = [Int](repeating: 0, count: n)
            for (position, index) in order.enumerated() { result[index] = (5 * (position + 1) + n - 1) / n }
            return result
        }
        let r = scores { recency[$0] > recency[$1] }
        let f = scores { measures[$0].count < measures[$1].count }
        let m = scores { measures[$0].total < measures[$1].total }
        return (0..<n).map { i in
            RFMScore(
                customerID: ids[i], recencyDays: recency[i], frequency: measures[i].count, monetary: measures[i].total,
                r: r[i], f: f[i], m: m[i], segment: RFMSegment(r: r[i], f: f[i], m: m[i]))
        }
    }
}
