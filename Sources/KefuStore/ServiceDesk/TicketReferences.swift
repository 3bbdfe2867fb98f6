import Foundation
import KefuCore
import SQLKit

/// What a new ticket refers to, read inside its transaction: the customer, branch, team and named
/// owner must exist (a 400 naming the field otherwise), and the facts `TicketOwnership` decides on.
enum TicketReferences {
    /// Checks the draft's references; returns the customer's lower-cased name, which the ticket's
    /// search index holds.
    static func check(_ draft: TicketDraft, on tx: any SQLDatabase) async throws -> String {
        var errors: [FieldError] = []
        struct Customer: Decodable { var name_key: String }
        let customer = try await tx.select().column("name_key").from("customers").where("id", .equal, draft.customerID)
            .where("deleted_at", .is, SQLLiteral.null).where("merged_into", .is, SQLLiteral.null)
            .first(decoding: Customer.self)
        if customer == nil {
            errors.append(FieldError(field: "customer_id", code: "unknown_customer", message: "No such customer."))
        }
        if let branch = draft.branchID, try await !exists("branches", branch, on: tx) {
            errors.append(FieldError(field: "branch_id", code: "unknown_branch", message: "No such branch."))
        }
        if let team = draft.teamID, try await !exists("teams", team, on: tx) {
            errors.append(FieldError(field: "team_id", code: "unknown_team", message: "No such team."))
        }
        if let owner = draft.ownerID, try await !isActiveStaff(owner, on: tx) {
            errors.append(FieldError(field: "owner_id", code: "unknown_user", message: "No such active user."))
        }
        guard let customer, errors.isEmpty else { throw DomainError.invalid(errors) }
        return customer.name_key
    }

    /// An account that exists and may sign in: who may own or work a ticket.
    static func isActiveStaff(_ id: UUID, on tx: any SQLDatabase) async throws -> Bool {
        try await tx.select().column("id").from("users").where("id", .equal, id).where("active", .equal, true)
            .first() != nil
    }

    private static func exists(_ table: String, _ id: UUID, on tx: any SQLDatabase) async throws -> Bool {
        try await tx.select().column("id").from(table).where("id", .equal, id).first() != nil
    }

    /// The sticky candidate (the owner of the customer's latest owned ticket) and the team's agents in
    /// a stable order with their open tickets, for `TicketOwnership.decide`.
    static func ownershipRequest(
        _ draft: TicketDraft, creator: TicketCreator, capacity: Int, on tx: any SQLDatabase
    ) async throws -> OwnershipRequest {
        struct Sticky: Decodable {
            var owner_id: UUID
            var active: Bool
            var available: Bool
        }
        // The customer's latest owned ticket first, then its owner: joined the other way round, SQLite read
        // every ticket of every user (4.5 s at 1,000,000 tickets).
        let sticky = try await tx.raw(
            """
            SELECT t.owner_id, u.active, u.available
            FROM (SELECT owner_id FROM tickets WHERE customer_id = \(bind: draft.customerID) AND owner_id IS NOT NULL
                  ORDER BY created_at DESC, id DESC LIMIT 1) t
            JOIN users u ON u.id = t.owner_id
            """
        ).first(decoding: Sticky.self)
        var team: (agents: [TeamAgent], position: Int) = ([], 0)
        if let id = draft.teamID { team = try await teamAgents(id, on: tx) }
        return OwnershipRequest(
            creator: creator, explicitOwnerID: draft.ownerID,
            sticky: sticky.map { StickyCandidate(agentID: $0.owner_id, active: $0.active, available: $0.available) },
            teamID: draft.teamID, teamAgents: team.agents, capacity: capacity, roundRobinPosition: team.position)
    }

    /// The team's agents in a stable order with their open tickets, and the team's round-robin position: what
    /// round-robin picks from (new tickets, follow-up tasks).
    static func teamAgents(_ team: UUID, on tx: any SQLDatabase) async throws -> (agents: [TeamAgent], position: Int) {
        struct Agent: Decodable {
            var id: UUID
            var active: Bool
            var available: Bool
            var open: Int
        }
        let rows = try await tx.raw(
            """
            SELECT u.id, u.active, u.available,
              (SELECT COUNT(*) FROM tickets t
               WHERE t.assignee_id = u.id AND t.\(unsafeRaw: TicketSearch.openCondition)) AS open
            FROM team_members m JOIN users u ON u.id = m.user_id
            WHERE m.team_id = \(bind: team) AND u.role = 'agent'
            ORDER BY u.id
            """
        ).all(decoding: Agent.self)
        struct Position: Decodable { var round_robin_position: Int }
        let position =
            try await tx.select().column("round_robin_position").from("teams").where("id", .equal, team)
            .first(decoding: Position.self)?.round_robin_position ?? 0
        return (
            rows.map { TeamAgent(agentID: $0.id, active: $0.active, available: $0.available, openTickets: $0.open) },
            position
        )
    }
}
