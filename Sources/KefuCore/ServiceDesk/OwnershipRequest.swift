public import Foundation

/// Who logged a ticket, as far as ownership cares.
public enum TicketCreator: Sendable, Equatable {
    /// A signed-in staff user (web UI or an API token of theirs).
    case staff(id: UUID, role: Role)
    /// Nobody on the staff: the public form, or an integration without a staff role.
    case nonStaff
}

/// The owner of the customer's most recent ticket that has an owner, with what sticky ownership needs to know.
public struct StickyCandidate: Sendable, Equatable {
    public var agentID: UUID
    /// False for a deactivated account.
    public var active: Bool
    /// False while the agent has set themselves away.
    public var available: Bool

    public init(agentID: UUID, active: Bool, available: Bool) {
        self.agentID = agentID
        self.active = active
        self.available = available
    }
}

/// One agent of the ticket's team, as round-robin sees them.
public struct TeamAgent: Sendable, Equatable {
    public var agentID: UUID
    public var active: Bool
    public var available: Bool
    /// Tickets this agent is assigned that are not resolved or closed.
    public var openTickets: Int

    public init(agentID: UUID, active: Bool = true, available: Bool, openTickets: Int) {
        self.agentID = agentID
        self.active = active
        self.available = available
        self.openTickets = openTickets
    }
}

/// Everything the ownership rule needs to place a new ticket; the store gathers it in the create transaction.
public struct OwnershipRequest: Sendable, Equatable {
    public var creator: TicketCreator
    /// `owner_id` from the request.
    public var explicitOwnerID: UUID?
    public var sticky: StickyCandidate?
    /// Nil when the ticket has no team: round-robin is skipped.
    public var teamID: UUID?
    /// The team's agents in round-robin order (a stable order, e.g. by account creation).
    public var teamAgents: [TeamAgent]
    /// Open tickets per agent at which round-robin passes them by (a setting).
    public var capacity: Int
    /// Where round-robin starts in `teamAgents`; stored per team, taken modulo the team's size.
    public var roundRobinPosition: Int

    public static let defaultCapacity = 50

    public init(
        creator: TicketCreator, explicitOwnerID: UUID? = nil, sticky: StickyCandidate? = nil, teamID: UUID? = nil,
        teamAgents: [TeamAgent] = [], capacity: Int = OwnershipRequest.defaultCapacity, roundRobinPosition: Int = 0
    ) {
        self.creator = creator
        self.explicitOwnerID = explicitOwnerID
        self.sticky = sticky
        self.teamID = teamID
        self.teamAgents = teamAgents
        self.capacity = capacity
        self.roundRobinPosition = roundRobinPosition
    }
}
