public import Foundation

/// A ticket in the `waiting` status as the calling policy needs it, mapped from the stored row so the policy
/// itself stays a pure function of values.
public struct WaitingTicket: Sendable, Hashable, Identifiable {
    public var id: UUID
    public var serviceID: UUID
    /// The index of the ticket's class in the branch's `QueueClassOrder`.
    public var classRank: Int
    /// When the ticket joined the queue (kept through a transfer, by default).
    public var arrivedAt: Date
    /// Creation order within the branch (the ticket number's order), breaking ties of `arrivedAt`.
    public var sequence: Int64

    public init(id: UUID, serviceID: UUID, classRank: Int, arrivedAt: Date, sequence: Int64) {
        self.id = id
        self.serviceID = serviceID
        self.classRank = classRank
        self.arrivedAt = arrivedAt
        self.sequence = sequence
    }

    /// Where the ticket stands at `now`: its arrival as minus the minutes it has waited.
    public func place(at now: Date) -> QueuePlace {
        QueuePlace(classRank: classRank, arrivalMinute: arrivedAt.timeIntervalSince(now) / 60, sequence: sequence)
    }
}

/// A counter as the calling policy sees it: the services it serves. Their listed order is for people; the
/// policy takes the waiting tickets of all of them together.
public struct QueueCounterView: Sendable, Hashable {
    public var serviceIDs: Set<UUID>

    public init(serviceIDs: some Sequence<UUID>) {
        self.serviceIDs = Set(serviceIDs)
    }
}
