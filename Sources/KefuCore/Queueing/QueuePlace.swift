/// What the calling policy compares between two waiting tickets, and nothing else: the same value serves the
/// live queue (arrivals in minutes before the call) and the simulator (minutes since the day opened), so both
/// call in exactly the same order.
public struct QueuePlace: Sendable, Hashable {
    /// 0 for the branch's first class, 1 for the next, …
    public var classRank: Int
    /// The arrival on a minute axis; any origin gives the same order.
    public var arrivalMinute: Double
    /// Creation order, for tickets that arrived at the same instant.
    public var sequence: Int64

    public init(classRank: Int, arrivalMinute: Double, sequence: Int64) {
        self.classRank = classRank
        self.arrivalMinute = arrivalMinute
        self.sequence = sequence
    }
}
