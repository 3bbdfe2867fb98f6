public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// The mailboxes (admin): addresses and ingest names are unique; each write leaves an audit row.
public struct MailboxRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) { source = DatabaseSource(database) }

    public func list() async throws -> [Mailbox] {
        try await db.sql.select().column("*").from("mailboxes").orderBy("address").all(decoding: MailboxRow.self)
            .map { try $0.mailbox() }
    }

    /// The mailbox, or `.notFound`.
    public func get(_ id: UUID) async throws -> Mailbox {
        try await Self.load(id, on: db.sql)
    }

    /// The mailbox `kefu mail ingest --mailbox NAME` names (any case), or nil.
    public func named(_ name: String) async throws -> Mailbox? {
        try await Self.named(name, on: db.sql)
    }

    static func named(_ name: String, on sql: any SQLDatabase) async throws -> Mailbox? {
        let key = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return try await sql.select().column("*").from("mailboxes").where("ingest_name", .equal, key)
            .first(decoding: MailboxRow.self)?.mailbox()
    }

    /// Validates `draft` and stores it as a new mailbox; a taken address or ingest name is a conflict.
    public func create(_ draft: MailboxDraft, by attribution: Attribution) async throws -> Mailbox {
        let draft = try Self.validated(draft)
        return try await db.sqlTransaction { tx in
            try await Self.checkReferences(draft, on: tx)
            try await Self.checkUnique(draft, except: nil, on: tx)
            let mailbox = Mailbox(
                id: TimeOrderedID.next(now: attribution.now), address: draft.address, displayName: draft.displayName,
                ingestName: draft.ingestName, teamID: draft.teamID, branchID: draft.branchID,
                signature: draft.signature, language: draft.language, acknowledgements: draft.acknowledgements,
                createdAt: attribution.now, updatedAt: attribution.now)
            try await tx.insert(into: "mailboxes").model(MailboxRow(mailbox)).run()
            try await AuditLog.record(
                on: tx, attribution, action: "mailbox.create", entityType: "mailbox",
                entityID: mailbox.id.uuidString, changes: try AuditLog.diff(before: Mailbox?.none, after: mailbox))
            return mailbox
        }
    }

    /// Replaces the mailbox's values with `draft`'s (validated as on create).
    public func update(_ id: UUID, to draft: MailboxDraft, by attribution: Attribution) async throws -> Mailbox {
        let draft = try Self.validated(draft)
        return try await db.sqlTransaction { tx in
            let before = try await Self.load(id, on: tx)
            try await Self.checkReferences(draft, on: tx)
            try await Self.checkUnique(draft, except: id, on: tx)
            var after = before
            (after.address, after.displayName, after.ingestName) = (draft.address, draft.displayName, draft.ingestName)
            (after.teamID, after.branchID, after.signature) = (draft.teamID, draft.branchID, draft.signature)
            (after.language, after.acknowledgements, after.updatedAt) =
                (draft.language, draft.acknowledgements, attribution.now)
            try await tx.update("mailboxes").set(model: MailboxRow(after)).where("id", .equal, id).run()
            try await AuditLog.record(
                on: tx, attribution, action: "mailbox.update", entityType: "mailbox", entityID: id.uuidString,
                changes: try AuditLog.diff(before: before, after: after))
            return after
        }
    }

    private static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> Mailbox {
        guard
            let row = try await sql.select().column("*").from("mailboxes").where("id", .equal, id)
                .first(decoding: MailboxRow.self)
        else { throw DomainError.notFound(entity: "mailbox", id: id.uuidString) }
        return try row.mailbox()
    }

    private static func validated(_ draft: MailboxDraft) throws -> MailboxDraft {
        do throws(ValidationFailure) {
            return try draft.validated()
        } catch {
            throw DomainError.invalid(error)
        }
    }

    private static func checkReferences(_ draft: MailboxDraft, on sql: any SQLDatabase) async throws {
        var errors: [FieldError] = []
        let references = [
            ("team_id", "teams", "team", draft.teamID), ("branch_id", "branches", "branch", draft.branchID),
        ]
        for (field, table, entity, id) in references {
            guard let id else { continue }
            struct Found: Decodable { var id: UUID }
            if try await sql.select().column("id").from(table).where("id", .equal, id).first(decoding: Found.self)
                == nil
            {
                errors.append(FieldError(field: field, code: "unknown_\(entity)", message: "No such \(entity)."))
            }
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
    }

    private static func checkUnique(_ draft: MailboxDraft, except id: UUID?, on sql: any SQLDatabase) async throws {
        for (field, value) in [("address", draft.address), ("ingest_name", draft.ingestName)] {
            let clash = try await sql.select().column("*").from("mailboxes").where(SQLIdentifier(field), .equal, value)
                .first(decoding: MailboxRow.self)
            if let clash, clash.id != id {
                throw DomainError.conflict(
                    message: "A mailbox with the \(field.replacingOccurrences(of: "_", with: " ")) \(value) exists.",
                    field: field, conflictingID: clash.id)
            }
        }
    }
}
