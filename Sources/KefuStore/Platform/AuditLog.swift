public import Foundation
public import KefuCore
import SQLKit
import FluentKit

/// One audit row: who changed what, with the fields before and after.
public struct AuditEntry: Codable, Sendable, Equatable {
    public var id: UUID
    public var actorID: UUID?
    public var actorEmail: String?
    public var action: String
    public var entityType: String
    public var entityID: String?
    /// Changed fields: name → (before, after), each a JSON text or nil when absent.
    public var changes: [String: FieldChange]
    public var requestID: String?
    public var occurredAt: Date

    public struct FieldChange: Codable, Sendable, Equatable {
        public var before: String?
        public var after: String?
        public init(before: String?, after: String?) {
            self.before = before
            self.after = after
        }

        /// Both keys always present (null when absent), as the API documents.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(before, forKey: .before)
            try c.encode(after, forKey: .after)
        }
    }
}

/// Writes and reads the audit log. Writers call `record` inside the transaction of the change,
/// so an audit row exists exactly when the change does.
public enum AuditLog {
    struct Row: Codable {
        var id: UUID
        var actor_id: UUID?
        var actor_email: String?
        var action: String
        var entity_type: String
        var entity_id: String?
        var changes: String
        var request_id: String?
        var occurred_at: Date
    }

    static func record(
        on sql: any SQLDatabase, _ attribution: Attribution, action: String, entityType: String,
        entityID: String?, changes: [String: AuditEntry.FieldChange]
    ) async throws {
        let row = try row(attribution, action: action, entityType: entityType, entityID: entityID, changes: changes)
        try await sql.insert(into: "audit_log").model(row).run()
    }

    /// The row `record` writes, for callers that insert many at once.
    static func row(
        _ attribution: Attribution, action: String, entityType: String, entityID: String?,
        changes: [String: AuditEntry.FieldChange]
    ) throws -> Row {
        Row(
            id: TimeOrderedID.next(now: attribution.now), actor_id: attribution.userID, actor_email: attribution.email,
            action: action,
            entity_type: entityType, entity_id: entityID, changes: try StoreJSON.encode(changes),
            request_id: attribution.requestID, occurred_at: attribution.now)
    }

    /// The change of a customer's creation: the whole stored profile as "after" (cheaper than a
    /// field-by-field diff against nothing, which creates do by the thousand).
    static func creation(profileJSON: String) -> [String: AuditEntry.FieldChange] {
        ["profile": .init(before: nil, after: profileJSON)]
    }

    /// Field-by-field differences between two encodable values (top-level keys).
    static func diff(before: (some Encodable)?, after: (some Encodable)?) throws -> [String: AuditEntry.FieldChange] {
        let old = try before.map { try StoreJSON.fields(of: $0) } ?? [:]
        let new = try after.map { try StoreJSON.fields(of: $0) } ?? [:]
        var changes: [String: AuditEntry.FieldChange] = [:]
        for key in Set(old.keys).union(new.keys) where old[key] != new[key] {
            changes[key] = .init(before: old[key], after: new[key])
        }
        return changes
    }

    /// Newest first; filter by entity type or actor; `before` is the cursor (an occurred_at + id pair).
    public static func list(
        in database: KefuDatabase, entityType: String? = nil, entityID: String? = nil,
        limit: Int, cursor: PageCursor?
    ) async throws -> KefuCore.Page<AuditEntry> {
        var query = database.db.sql.select().column("*").from("audit_log")
        if let entityType { query = query.where("entity_type", .equal, entityType) }
        if let entityID { query = query.where("entity_id", .equal, entityID) }
        return try await query.page(
            Row.self, column: "occurred_at", descending: true, limit: limit, cursor: cursor,
            key: { PageCursor(value: .date($0.occurred_at), id: $0.id) }
        ) { row in
            AuditEntry(
                id: row.id, actorID: row.actor_id, actorEmail: row.actor_email, action: row.action,
                entityType: row.entity_type, entityID: row.entity_id,
                changes: try StoreJSON.decode([String: AuditEntry.FieldChange].self, from: row.changes),
                requestID: row.request_id, occurredAt: row.occurred_at)
        }
    }
}
