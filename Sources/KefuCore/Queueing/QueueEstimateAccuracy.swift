/// How good the estimated waits were (issue 14 §5): for every called ticket its range and the wait it actually
/// had. Measured so that a branch sees whether to trust the range it shows, rather than assuming it.
public struct QueueEstimateAccuracy: Sendable, Hashable {
    /// One called ticket: the range it was shown when issued and the minutes from arrival to call.
    public struct Record: Sendable, Hashable {
        public var estimate: QueueWaitRange
        public var actualMinutes: Double

        public init(estimate: QueueWaitRange, actualMinutes: Double) {
            self.estimate = estimate
            self.actualMinutes = actualMinutes
        }
    }

    public let count: Int
    /// Mean |actual − midpoint of the range| in minutes; nil without records.
    public let meanAbsoluteErrorMinutes: Double?
    /// The share (0…1) of tickets called within their range, bounds included; nil without records.
    public let shareWithinRange: Double?

    public init(_ records: some Sequence<Record>) {
        var count = 0
        var absoluteError = 0.0
        var within = 0
        for record in records {
            count += 1
            absoluteError += abs(record.actualMinutes - record.estimate.midpoint)
            if Double(record.estimate.low) <= record.actualMinutes, record.actualMinutes <= Double(record.estimate.high)
            {
                within += 1
            }
        }
        self.count = count
        meanAbsoluteErrorMinutes = count == 0 ? nil : absoluteError / Double(count)
        shareWithinRange = count == 0 ? nil : Double(within) / Double(count)
    }
}
