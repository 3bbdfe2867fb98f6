public import Foundation
public import KefuCore
import FluentKit
import SQLKit

extension TicketRepository {
    /// The ticket's links, written from either end, oldest first.
    public func links(of id: UUID) async throws -> [LinkedTicket] {
        let sql = db.sql
        _ = try await Self.load(id, on: sql)
        return try await Self.links(of: id, on: sql)
    }

    /// Links ticket `id` to `otherID` (`related`, or `duplicate_of` when `id` repeats `otherID`). The ticket must
    /// be writable; the other may be closed (a follow-up links to what it follows). Two tickets share at most one
    /// link (409).
    public func link(
        _ id: UUID, to otherID: UUID, kind: TicketLinkKind, by attribution: Attribution
    ) async throws -> LinkedTicket {
        try await db.sqlTransaction { tx in
            let link = try TicketLink.validated(from: try await Self.load(id, on: tx), to: otherID, kind: kind)
            let other = try await Self.load(otherID, field: "ticket_id", on: tx)
            if try await Self.linkExists(between: id, and: otherID, on: tx) { throw ServiceDeskError.alreadyLinked }
            try await Self.write(link, on: tx, by: attribution)
            return LinkedTicket(
                ticketID: other.id, number: other.number, subject: other.subject, status: other.status, kind: kind,
                direction: .outgoing, createdAt: attribution.now)
        }
    }

    /// Removes the link between ticket `id` and `otherID`, whichever wrote it. Both must be writable: a closed
    /// ticket keeps its links (the one a merge left included).
    public func unlink(_ id: UUID, from otherID: UUID, by attribution: Attribution) async throws {
        try await db.sqlTransaction { tx in
            let ticket = try await Self.load(id, on: tx)
            guard try await Self.linkExists(between: id, and: otherID, on: tx) else {
                throw DomainError.notFound(entity: "link", id: otherID.uuidString)
            }
            try TicketLifecycle.ensureWritable(ticket)
            try TicketLifecycle.ensureWritable(try await Self.load(otherID, on: tx))
            try await Self.deleteLink(between: id, and: otherID, on: tx)
            try await AuditLog.record(
                on: tx, attribution, action: "ticket.unlinked", entityType: "ticket", entityID: id.uuidString,
                changes: ["link": .init(before: otherID.uuidString, after: nil)])
        }
    }

    static func links(of id: UUID, on sql: any SQLDatabase) async throws -> [LinkedTicket] {
        struct Row: Decodable {
            var id: UUID
            var number: Int64
            var subject: String
            var status: String
            var kind: String
            var direction: String
            var created_at: Date
        }
        let rows = try await sql.raw(
            """
            SELECT * FROM (
              SELECT t.id, t.number, t.subject, t.status, l.kind, 'outgoing' AS direction, l.created_at
              FROM ticket_links l JOIN tickets t ON t.id = l.other_id WHERE l.ticket_id = \(bind: id)
              UNION ALL
              SELECT t.id, t.number, t.subject, t.status, l.kind, 'incoming' AS direction, l.created_at
              FROM ticket_links l JOIN tickets t ON t.id = l.ticket_id WHERE l.other_id = \(bind: id)
            ) AS links ORDER BY created_at, id
            """
        ).all(decoding: Row.self)
        return try rows.map { row in
            guard let number = TicketNumber(sequence: Int(row.number)), let status = TicketStatus(rawValue: row.status),
                let kind = TicketLinkKind(rawValue: row.kind),
                let direction = LinkedTicket.Direction(rawValue: row.direction)
            else {
                throw StoreError.corrupt("the link between \(id) and \(row.id) has a value outside its enumeration")
            }
            return LinkedTicket(
                ticketID: row.id, number: number, subject: row.subject, status: status, kind: kind,
                direction: direction, createdAt: row.created_at)
        }
    }

    /// A ticket named in a request body: one that does not exist is a 400 on `field`, not a 404 of the path.
    static func load(_ id: UUID, field: String, on tx: any SQLDatabase) async throws -> Ticket {
        do {
            return try await load(id, on: tx)
        } catch DomainError.notFound {
            throw DomainError.invalid([FieldError(field: field, code: "unknown_ticket", message: "No such ticket.")])
        }
    }

    /// Writes `link` with its audit row (merges and splits link too).
    static func write(_ link: TicketLink, on tx: any SQLDatabase, by attribution: Attribution) async throws {
        try await tx.insert(into: "ticket_links").columns("ticket_id", "other_id", "kind", "created_at")
            .values(
                SQLBind(link.ticketID), SQLBind(link.linkedTicketID), SQLBind(link.kind.rawValue),
                SQLBind(attribution.now)
            ).run()
        try await AuditLog.record(
            on: tx, attribution, action: "ticket.linked", entityType: "ticket", entityID: link.ticketID.uuidString,
            changes: ["link": .init(before: nil, after: "\(link.kind.rawValue) \(link.linkedTicketID.uuidString)")])
    }

    static func deleteLink(between id: UUID, and otherID: UUID, on tx: any SQLDatabase) async throws {
        try await tx.delete(from: "ticket_links").where(Self.pair(id, otherID)).run()
    }

    private static func linkExists(between id: UUID, and otherID: UUID, on tx: any SQLDatabase) async throws -> Bool {
        try await tx.select().column("kind").from("ticket_links").where(Self.pair(id, otherID)).first() != nil
    }

    /// The rows joining the two tickets, in either direction.
    private static func pair(_ id: UUID, _ otherID: UUID) -> SQLQueryString {
        """
        ((ticket_id = \(bind: id) AND other_id = \(bind: otherID)) \
        OR (ticket_id = \(bind: otherID) AND other_id = \(bind: id)))
        """
    }
}
