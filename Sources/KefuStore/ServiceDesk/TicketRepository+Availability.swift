public import Foundation
public import KefuCore
import FluentKit
import SQLKit

extension TicketRepository {
    /// Marks `userID` available or away. Going away leaves their urgent unfinished tickets without an
    /// assignee (the owner stays), each as a transfer by them with `TicketOwnership.awayReason`, so the
    /// tickets show in the team's unassigned view.
    public func setAvailability(_ available: Bool, for userID: UUID, by attribution: Attribution) async throws {
        try await db.sqlTransaction { tx in
            let updated = try await tx.update("users").set("available", to: available)
                .where("id", .equal, userID).returning("id").all()
            guard !updated.isEmpty else { throw DomainError.notFound(entity: "user", id: userID.uuidString) }
            try await AuditLog.record(
                on: tx, attribution, action: "user.availability", entityType: "user", entityID: userID.uuidString,
                changes: ["available": .init(before: nil, after: String(available))])
            guard !available else { return }
            let rows = try await tx.select().column("*").from("tickets").where("assignee_id", .equal, userID)
                .where("priority", .equal, TicketPriority.urgent.rawValue)
                .where("status", .notIn, [TicketStatus.resolved.rawValue, TicketStatus.closed.rawValue])
                .all(decoding: TicketRow.self)
            let tickets = try rows.map { try $0.ticket() }
            for id in TicketOwnership.ticketsToUnassign(whenAway: userID, tickets: tickets) {
                guard var ticket = tickets.first(where: { $0.id == id }) else { continue }
                guard
                    let transfer = try TicketOwnership.transfer(
                        &ticket, to: nil, by: userID, reason: TicketOwnership.awayReason, now: attribution.now)
                else { continue }
                try await tx.update("tickets").set("assignee_id", to: ticket.assigneeID)
                    .set("updated_at", to: ticket.updatedAt).where("id", .equal, ticket.id).run()
                try await Self.recordTransfer(transfer, of: ticket, on: tx, by: attribution)
            }
        }
    }
}
