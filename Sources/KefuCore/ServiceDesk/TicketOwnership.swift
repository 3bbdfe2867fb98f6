public import Foundation

/// First-contact ownership (首问负责, seed 002 §4.3.2): the person the customer reached is the person who solves
/// it, and a transfer never moves that accountability.
public enum TicketOwnership {
    /// The transfer reason recorded when going away unassigns a ticket; a stable word the UI translates.
    public static let awayReason = "agent_away"

    /// Places a new ticket, in order: an agent who logs it owns it; else the owner a manager or admin names
    /// (an agent naming one is refused, even naming themselves); else the customer's sticky owner when active
    /// and available; else round-robin within the team over active, available agents below capacity; else
    /// nobody.
    public static func decide(_ request: OwnershipRequest) throws(ServiceDeskError) -> OwnershipDecision {
        let position = request.roundRobinPosition
        if case .staff(let id, let role) = request.creator {
            if let explicit = request.explicitOwnerID {
                try StaffAction.setOwner.authorize(role)
                return OwnershipDecision(ownerID: explicit, source: .explicit, nextRoundRobinPosition: position)
            }
            if role == .agent {
                return OwnershipDecision(ownerID: id, source: .creator, nextRoundRobinPosition: position)
            }
        } else if request.explicitOwnerID != nil {
            throw .forbidden(.setOwner)
        }
        if let sticky = request.sticky, sticky.active, sticky.available {
            return OwnershipDecision(ownerID: sticky.agentID, source: .sticky, nextRoundRobinPosition: position)
        }
        if request.teamID != nil, let pick = roundRobin(request) {
            return OwnershipDecision(
                ownerID: pick.agent.agentID, source: .roundRobin,
                nextRoundRobinPosition: (pick.index + 1) % request.teamAgents.count)
        }
        return OwnershipDecision(ownerID: nil, source: .unowned, nextRoundRobinPosition: position)
    }

    /// The first eligible agent from the stored position on, wrapping round the team once.
    private static func roundRobin(_ request: OwnershipRequest) -> (index: Int, agent: TeamAgent)? {
        let agents = request.teamAgents
        guard !agents.isEmpty else { return nil }
        let start = ((request.roundRobinPosition % agents.count) + agents.count) % agents.count
        for offset in 0..<agents.count {
            let index = (start + offset) % agents.count
            let agent = agents[index]
            if agent.active, agent.available, agent.openTickets < request.capacity { return (index, agent) }
        }
        return nil
    }

    /// What a staff reply does to ownership: the first public reply on an unowned ticket makes its author the
    /// owner, and the assignee too when there is none (a default, not a transfer).
    public static func afterStaffReply(
        to ticket: Ticket, authorID: UUID, visibility: MessageVisibility
    ) -> OwnershipChange {
        guard ticket.ownerID == nil, visibility == .public else { return .unchanged }
        return .takesOwnership(ownerID: authorID, assigneeID: ticket.assigneeID ?? authorID)
    }

    /// Changes the assignee of `ticket` to `newAssignee` as `actorID` asked, returning the transfer to list on the
    /// ticket, or nil when the assignee does not change. Any change, from or to nobody included, is a transfer
    /// and needs a reason; the owner stays.
    @discardableResult
    public static func transfer(
        _ ticket: inout Ticket, to newAssignee: UUID?, by actorID: UUID, reason: String?, now: Date
    ) throws(ServiceDeskError) -> TicketTransfer? {
        try TicketLifecycle.ensureWritable(ticket)
        guard newAssignee != ticket.assigneeID else { return nil }
        guard let reason = reason?.trimmingWhitespace(), !reason.isEmpty else { throw .transferReasonRequired }
        let transfer = TicketTransfer(
            byID: actorID, fromID: ticket.assigneeID, toID: newAssignee, reason: reason, createdAt: now)
        ticket.assigneeID = newAssignee
        ticket.updatedAt = now
        return transfer
    }

    /// The tickets that lose their assignee when `agentID` goes away: their urgent, unfinished tickets, so that
    /// they show in the team's unassigned view. The owner stays; other tickets wait for the agent's return.
    /// Each is still a change of assignee, so the store lists it as a transfer by the agent with `awayReason`.
    public static func ticketsToUnassign(whenAway agentID: UUID, tickets: [Ticket]) -> [UUID] {
        tickets.filter { $0.assigneeID == agentID && $0.priority == .urgent && !$0.status.isDone }.map(\.id)
    }
}

/// What a reply does to a ticket's owner and assignee.
public enum OwnershipChange: Sendable, Equatable {
    case unchanged
    case takesOwnership(ownerID: UUID, assigneeID: UUID)
}
