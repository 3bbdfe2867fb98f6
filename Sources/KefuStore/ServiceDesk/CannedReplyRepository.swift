public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Canned replies: managers keep them, agents insert them into tickets with the placeholders filled.
public struct CannedReplyRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
    }

    /// The most replies the list returns; a desk keeps dozens, not thousands.
    public static let listLimit = 500

    /// Every reply by title.
    public func list() async throws -> [CannedReply] {
        try await db.sql.select().column("*").from("canned_replies").orderBy("title").orderBy("id")
            .limit(Self.listLimit).all(decoding: CannedReplyRow.self).map(\.reply)
    }

    public func get(_ id: UUID) async throws -> CannedReply {
        try await Self.load(id, on: db.sql)
    }

    public func create(title: String, body: String, by attribution: Attribution) async throws -> CannedReply {
        let (title, body) = try DomainError.validating {
            try CannedReply.validated(title: title, body: body)
        }
        let reply = CannedReply(
            id: TimeOrderedID.next(now: attribution.now), title: title, body: body, createdByID: attribution.userID,
            createdAt: attribution.now, updatedAt: attribution.now)
        try await db.sqlTransaction { tx in
            try await tx.insert(into: "canned_replies").model(CannedReplyRow(reply)).run()
            try await AuditLog.record(
                on: tx, attribution, action: "canned_reply.created", entityType: "canned_reply", id: reply.id,
                before: nil, after: reply)
        }
        return reply
    }

    public func update(_ id: UUID, title: String, body: String, by attribution: Attribution) async throws
        -> CannedReply
    {
        let (title, body) = try DomainError.validating {
            try CannedReply.validated(title: title, body: body)
        }
        return try await db.sqlTransaction { tx in
            let before = try await Self.load(id, on: tx)
            var reply = before
            (reply.title, reply.body, reply.updatedAt) = (title, body, attribution.now)
            try await tx.update("canned_replies").set(model: CannedReplyRow(reply)).where("id", .equal, id).run()
            try await AuditLog.record(
                on: tx, attribution, action: "canned_reply.updated", entityType: "canned_reply", id: id,
                before: before, after: reply)
            return reply
        }
    }

    public func delete(_ id: UUID, by attribution: Attribution) async throws {
        try await db.sqlTransaction { tx in
            let reply = try await Self.load(id, on: tx)
            try await tx.delete(from: "canned_replies").where("id", .equal, id).run()
            try await AuditLog.record(
                on: tx, attribution, action: "canned_reply.deleted", entityType: "canned_reply", id: id,
                before: reply, after: nil)
        }
    }

    /// The reply's body as it goes into `ticketID`'s reply box, written by `agentName`: the ticket's number
    /// and its customer's name (as stored, even if the customer was merged away since) filled in.
    public func rendered(_ id: UUID, forTicket ticketID: UUID, agentName: String) async throws -> CannedReply {
        let sql = db.sql
        var reply = try await Self.load(id, on: sql)
        let ticket = try await TicketRepository.load(ticketID, on: sql)
        struct Name: Decodable { var name: String }
        let customer = try await sql.select().column("name").from("customers")
            .where("id", .equal, ticket.customerID).first(decoding: Name.self)
        reply.body = reply.render(
            customerName: customer?.name ?? "", ticketNumber: ticket.number.description, agentName: agentName)
        return reply
    }

    private static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> CannedReply {
        guard
            let row = try await sql.select().column("*").from("canned_replies").where("id", .equal, id)
                .first(decoding: CannedReplyRow.self)
        else { throw DomainError.notFound(entity: "canned reply", id: id.uuidString) }
        return row.reply
    }
}

/// A `canned_replies` row.
struct CannedReplyRow: Codable {
    var id: UUID
    var title: String
    var body: String
    var created_by: UUID?
    var created_at: Date
    var updated_at: Date

    init(_ reply: CannedReply) {
        id = reply.id
        title = reply.title
        body = reply.body
        created_by = reply.createdByID
        created_at = reply.createdAt
        updated_at = reply.updatedAt
    }

    var reply: CannedReply {
        CannedReply(
            id: id, title: title, body: body, createdByID: created_by, createdAt: created_at, updatedAt: updated_at)
    }
}
