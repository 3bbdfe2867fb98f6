public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Notes staff leave on a customer; each also lands on the timeline and in the search text.
public struct NoteRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) { source = DatabaseSource(database) }

    struct Row: Codable {
        var id: UUID
        var customer_id: UUID
        var body: String
        var author_id: UUID?
        var created_at: Date

        var note: Note { Note(id: id, customerID: customer_id, body: body, authorID: author_id, createdAt: created_at) }
    }

    public func create(customerID: UUID, body: String, by attribution: Attribution) async throws -> Note {
        let text: String
        do {
            text = try Note.validatedBody(body)
        } catch {
            throw DomainError.invalid(error)
        }
        return try await db.sqlTransaction { tx in
            _ = try await CustomerRepository.load(customerID, on: tx)
            let row = Row(
                id: TimeOrderedID.next(now: attribution.now), customer_id: customerID, body: text,
                author_id: attribution.userID,
                created_at: attribution.now)
            try await tx.insert(into: "notes").model(row).run()
            try await CustomerItemChange.record(
                CustomerEventKind.noteAdded, summary: text, entityType: "note", id: row.id, customerID: customerID,
                changes: ["body": .init(before: nil, after: text)], on: tx, by: attribution)
            return row.note
        }
    }

    /// A customer's notes, newest first.
    public func list(customerID: UUID, limit: Int, cursor: PageCursor?) async throws -> KefuCore.Page<Note> {
        _ = try await CustomerRepository.load(customerID, on: db.sql)
        return try await db.sql.select().column("*").from("notes").where("customer_id", .equal, customerID)
            .page(
                Row.self, column: "created_at", descending: true, limit: limit, cursor: cursor,
                key: { PageCursor(value: .date($0.created_at), id: $0.id) }, map: \.note)
    }
}
