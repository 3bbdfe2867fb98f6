public import Foundation

/// A stretch during which a business-time clock stands still (an SLA clock while the ticket waits on
/// the customer): no minute inside it counts. Bounds are truncated to the whole minute when counted.
public struct ClockPause: Sendable, Hashable {
    public var from: Date
    public var to: Date

    public init(from: Date, to: Date) {
        self.from = from
        self.to = to
    }
}
