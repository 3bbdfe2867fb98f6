public import Foundation

/// Which rule gave the owner, for the audit trail and the timeline.
public enum OwnershipSource: String, Sendable, Equatable, CaseIterable {
    case creator
    case explicit
    case sticky
    case roundRobin = "round_robin"
    case unowned
}

/// The owner of a new ticket (nil: unowned until the first public staff reply) and where round-robin continues.
public struct OwnershipDecision: Sendable, Equatable {
    public var ownerID: UUID?
    public var source: OwnershipSource
    /// The team's round-robin position to store; unchanged unless round-robin chose.
    public var nextRoundRobinPosition: Int

    public init(ownerID: UUID?, source: OwnershipSource, nextRoundRobinPosition: Int) {
        self.ownerID = ownerID
        self.source = source
        self.nextRoundRobinPosition = nextRoundRobinPosition
    }
}
