public import Foundation
import KefuCore
import FluentKit
import SQLKit

extension TicketRepository {
    /// A new status link for the ticket, revoking the ones issued before (a link sent to the wrong phone, or one
    /// for a caller who never had one), with an audit row. The token exists only in the answer.
    public func reissueStatusLink(for ticketID: UUID, by attribution: Attribution) async throws -> String {
        try await db.sqlTransaction { tx in
            let ticket = try await Self.load(ticketID, on: tx)
            try await SignedLinkRepository.revokeAll(.ticketStatus, subject: ticket.id, now: attribution.now, on: tx)
            let link = try await SignedLinkRepository.issue(
                .ticketStatus, subject: ticket.id, now: attribution.now, on: tx)
            try await AuditLog.record(
                on: tx, attribution, action: "ticket.status_link_issued", entityType: "ticket",
                entityID: ticket.id.uuidString,
                changes: ["status_link": .init(before: nil, after: try StoreJSON.encode(link.id.uuidString))])
            return link.token
        }
    }
}
