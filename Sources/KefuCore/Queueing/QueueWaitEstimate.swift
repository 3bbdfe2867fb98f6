import Foundation

/// A wait shown to a customer as a range of whole minutes (`{"low": 6, "high": 10}`): a single figure promises a
/// precision no queue has, and an honest range is what Maister's "uncertain waits feel longer" asks for.
public struct QueueWaitRange: Codable, Sendable, Hashable {
    public var low: Int
    public var high: Int

    public init(low: Int, high: Int) {
        self.low = low
        self.high = high
    }

    /// The middle of the range, which the accuracy report measures errors against.
    public var midpoint: Double { Double(low + high) / 2 }
}

/// The estimated wait of a waiting ticket (issue 14 §5, docs/SCIENCE.md §13): Cobham's mean wait for its class at
/// the current load — what a ticket of that class waits on average — plus the time the counters need for the
/// tickets already ahead of this one, shown ±`spread`. The sum leans long when the line is long, which is why its
/// accuracy is measured (`QueueEstimateAccuracy`).
public struct QueueWaitEstimate: Sendable, Hashable {
    /// Half the width of the range, as a share of the estimate: low = ⌊(1 − spread)·m⌋, high = ⌈(1 + spread)·m⌉.
    public static let spread = 0.25
    /// The longest wait a range names (about 70 days): a load a hair below saturation or an absurd line would
    /// otherwise give a figure beyond `Int`, and no customer is helped by a longer number.
    public static let maxMinutes = 100_000.0

    /// Tickets arriving per minute over the branch's services now (all classes).
    public var arrivalsPerMinute: Double
    public var openCounters: Int
    /// The observed mean service time (`ServiceTimeAverage`).
    public var meanServiceMinutes: Double
    /// Each class's share of the arrivals, by class rank; any non-negative numbers, taken relative to their sum.
    public var classShares: [Double]

    public init(arrivalsPerMinute: Double, openCounters: Int, meanServiceMinutes: Double, classShares: [Double]) {
        self.arrivalsPerMinute = arrivalsPerMinute
        self.openCounters = openCounters
        self.meanServiceMinutes = meanServiceMinutes
        self.classShares = classShares
    }

    /// The expected wait in minutes of a ticket of class `classRank` with `ticketsAhead` tickets before it:
    /// W_class + ticketsAhead × S / c. When no counter is open, or the counters cannot keep up (ρ ≥ 1), no stationary
    /// wait exists and the estimate is the position-based part alone (with one counter when none is open).
    public func expectedMinutes(classRank: Int, ticketsAhead: Int) -> Double {
        let service = max(0, meanServiceMinutes)
        let remainder = Double(max(0, ticketsAhead)) * service / Double(max(1, openCounters))
        return remainder + (classWaitMinutes(classRank: classRank) ?? 0)
    }

    /// The range shown for `expectedMinutes`.
    public func range(classRank: Int, ticketsAhead: Int) -> QueueWaitRange {
        let expected = expectedMinutes(classRank: classRank, ticketsAhead: ticketsAhead)
        let minutes = expected.isFinite ? min(expected, Self.maxMinutes) : Self.maxMinutes
        return QueueWaitRange(
            low: max(0, Int(((1 - Self.spread) * minutes).rounded(.down))),
            high: max(0, Int(((1 + Self.spread) * minutes).rounded(.up))))
    }

    /// Cobham's W_k for the class at `classRank`, nil when there is no stable M/M/c queue to take it from.
    private func classWaitMinutes(classRank: Int) -> Double? {
        guard openCounters > 0, arrivalsPerMinute.isFinite, meanServiceMinutes.isFinite,
            let queue = try? MMcQueue(
                arrivalsPerHour: Decimal(max(0, arrivalsPerMinute) * 60), serviceMinutes: Decimal(meanServiceMinutes),
                servers: openCounters)
        else { return nil }
        let shares = classShares.map { max(0, $0) }
        let total = shares.reduce(0, +)
        guard total > 0, shares.indices.contains(classRank) else { return queue.meanWaitMinutes }
        let loadAbove = queue.utilisation * shares[..<classRank].reduce(0, +) / total
        let loadThrough = loadAbove + queue.utilisation * shares[classRank] / total
        return queue.classWaitMinutes(loadAbove: loadAbove, loadThrough: loadThrough)
    }
}
