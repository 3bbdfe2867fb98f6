public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// SLA policies: admins keep them, every ticket's clocks follow the one that applies to it
/// (`SLAPolicy.applying`). Each write leaves an audit row.
public struct SLAPolicyRepository: Sendable {
    private let source: DatabaseSource
    private let settings: SettingsRepository
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        settings = SettingsRepository(database)
    }

    /// A business keeps a handful of policies; the list is never paged beyond this.
    public static let listLimit = 500

    /// Every policy, oldest first (the order ties are broken in).
    public func list() async throws -> [SLAPolicy] {
        try await Self.all(on: db.sql)
    }

    static func all(on sql: any SQLDatabase) async throws -> [SLAPolicy] {
        try await sql.select().column("*").from("sla_policies").orderBy("created_at").orderBy("id")
            .limit(Self.listLimit).all(decoding: SLAPolicyRow.self).map { try $0.policy() }
    }

    public func get(_ id: UUID) async throws -> SLAPolicy {
        try await Self.load(id, on: db.sql)
    }

    public func create(_ draft: SLAPolicyDraft, by attribution: Attribution) async throws -> SLAPolicy {
        let draft = try await validated(draft)
        let policy = SLAPolicy(
            id: TimeOrderedID.next(now: attribution.now), draft: draft, createdAt: attribution.now,
            updatedAt: attribution.now)
        try await db.sqlTransaction { tx in
            try await tx.insert(into: "sla_policies").model(try SLAPolicyRow(policy)).run()
            try await AuditLog.record(
                on: tx, attribution, action: "sla_policy.created", entityType: "sla_policy", id: policy.id,
                before: nil, after: policy)
        }
        return policy
    }

    /// Replaces the policy's values with `draft` (the caller has applied a PATCH to `get(id).draft`).
    public func update(_ id: UUID, to draft: SLAPolicyDraft, by attribution: Attribution) async throws -> SLAPolicy {
        let draft = try await validated(draft)
        return try await db.sqlTransaction { tx in
            let before = try await Self.load(id, on: tx)
            let policy = SLAPolicy(id: id, draft: draft, createdAt: before.createdAt, updatedAt: attribution.now)
            try await tx.update("sla_policies").set(model: try SLAPolicyRow(policy), nilEncodingStrategy: .asNil).where(
                "id", .equal, id
            ).run()
            try await AuditLog.record(
                on: tx, attribution, action: "sla_policy.updated", entityType: "sla_policy", id: id,
                before: before, after: policy)
            return policy
        }
    }

    public func delete(_ id: UUID, by attribution: Attribution) async throws {
        try await db.sqlTransaction { tx in
            let policy = try await Self.load(id, on: tx)
            try await tx.delete(from: "sla_policies").where("id", .equal, id).run()
            try await AuditLog.record(
                on: tx, attribution, action: "sla_policy.deleted", entityType: "sla_policy", id: id,
                before: policy, after: nil)
        }
    }

    private func validated(_ draft: SLAPolicyDraft) async throws -> SLAPolicyDraft {
        let tiers = try await settings.get().tiers
        return try DomainError.validating { try draft.validated(knownTiers: tiers) }
    }

    static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> SLAPolicy {
        guard
            let row = try await sql.select().column("*").from("sla_policies").where("id", .equal, id)
                .first(decoding: SLAPolicyRow.self)
        else { throw DomainError.notFound(entity: "SLA policy", id: id.uuidString) }
        return try row.policy()
    }
}

/// A `sla_policies` row; the dimensions are JSON arrays, or NULL for any.
struct SLAPolicyRow: Codable {
    var id: UUID
    var name: String
    var tiers: String?
    var priorities: String?
    var types: String?
    var first_response_minutes: Int
    var next_reply_minutes: Int?
    var resolution_minutes: Int
    var raise_priority_on_breach: Bool
    var created_at: Date
    var updated_at: Date

    init(_ policy: SLAPolicy) throws {
        id = policy.id
        name = policy.name
        tiers = try policy.tiers.map(StoreJSON.encode)
        priorities = try policy.priorities.map(StoreJSON.encode)
        types = try policy.types.map(StoreJSON.encode)
        first_response_minutes = policy.firstResponseMinutes
        next_reply_minutes = policy.nextReplyMinutes
        resolution_minutes = policy.resolutionMinutes
        raise_priority_on_breach = policy.raisePriorityOnBreach
        created_at = policy.createdAt
        updated_at = policy.updatedAt
    }

    func policy() throws -> SLAPolicy {
        SLAPolicy(
            id: id,
            draft: SLAPolicyDraft(
                name: name, tiers: try tiers.map { try StoreJSON.decode([String].self, from: $0) },
                priorities: try priorities.map { try StoreJSON.decode([TicketPriority].self, from: $0) },
                types: try types.map { try StoreJSON.decode([TicketType].self, from: $0) },
                firstResponseMinutes: first_response_minutes, nextReplyMinutes: next_reply_minutes,
                resolutionMinutes: resolution_minutes, raisePriorityOnBreach: raise_priority_on_breach),
            createdAt: created_at, updatedAt: updated_at)
    }
}
