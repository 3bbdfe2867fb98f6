public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Follow-up plans: create, read, list and change (deactivate with `active: false`). Each write is one
/// transaction with its audit row.
public struct FollowUpPlanRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }
    private let settings: SettingsRepository

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        settings = SettingsRepository(database)
    }

    /// Validates `input` and stores it as a new plan; it applies to trigger events stored from now on.
    public func create(_ input: FollowUpPlanDraft, by attribution: Attribution) async throws -> FollowUpPlan {
        let draft = try await validated(input)
        let plan = FollowUpPlan(
            id: TimeOrderedID.next(now: attribution.now), draft: draft, createdAt: attribution.now,
            updatedAt: attribution.now)
        try await db.sqlTransaction { tx in
            try await Self.checkTeam(draft.teamID, on: tx)
            try await tx.insert(into: "follow_up_plans").model(try FollowUpPlanRow(plan, createdBy: attribution.userID))
                .run()
            try await AuditLog.record(
                on: tx, attribution, action: "follow_up_plan.created", entityType: "follow_up_plan",
                entityID: plan.id.uuidString, changes: try AuditLog.diff(before: FollowUpPlan?.none, after: plan))
        }
        return plan
    }

    /// Replaces the plan's editable members with `input` (a PATCH merged onto `get(id).draft`).
    public func update(_ id: UUID, to input: FollowUpPlanDraft, by attribution: Attribution) async throws
        -> FollowUpPlan
    {
        let draft = try await validated(input)
        return try await db.sqlTransaction { tx in
            let before = try await Self.load(id, on: tx)
            var after = FollowUpPlan(id: id, draft: draft, createdAt: before.createdAt, updatedAt: attribution.now)
            guard after.draft != before.draft else { return before }
            try await Self.checkTeam(draft.teamID, on: tx)
            after.updatedAt = attribution.now
            let row = try FollowUpPlanRow(after, createdBy: nil)
            try await tx.update("follow_up_plans").set("name", to: row.name).set("trigger_kind", to: row.trigger_kind)
                .set("trigger", to: row.trigger).set("steps", to: row.steps).set("team_id", to: row.team_id)
                .set("active", to: row.active).set("updated_at", to: row.updated_at).where("id", .equal, id).run()
            try await AuditLog.record(
                on: tx, attribution, action: "follow_up_plan.updated", entityType: "follow_up_plan",
                entityID: id.uuidString, changes: try AuditLog.diff(before: before, after: after))
            return after
        }
    }

    /// The plan, or `.notFound`.
    public func get(_ id: UUID) async throws -> FollowUpPlan {
        try await Self.load(id, on: db.sql)
    }

    /// Plans, newest first; only active ones when `active` is true, only inactive ones when false.
    public func list(active: Bool? = nil, limit: Int, cursor: PageCursor?) async throws -> KefuCore.Page<FollowUpPlan> {
        var query = db.sql.select().column("*").from("follow_up_plans")
        if let active { query = query.where("active", .equal, active) }
        return try await query.page(
            FollowUpPlanRow.self, column: "created_at", descending: true, limit: limit, cursor: cursor,
            key: { PageCursor(value: .date($0.created_at), id: $0.id) }, map: { try $0.plan() })
    }

    static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> FollowUpPlan {
        guard
            let row = try await sql.select().column("*").from("follow_up_plans").where("id", .equal, id)
                .first(decoding: FollowUpPlanRow.self)
        else { throw DomainError.notFound(entity: "follow_up_plan", id: id.uuidString) }
        return try row.plan()
    }

    private func validated(_ input: FollowUpPlanDraft) async throws -> FollowUpPlanDraft {
        let context = FollowUpPlanDraft.Context(try await settings.get())
        return try DomainError.validating { try input.validated(in: context) }
    }

    private static func checkTeam(_ team: UUID?, on tx: any SQLDatabase) async throws {
        guard let team, try await tx.select().column("id").from("teams").where("id", .equal, team).first() == nil
        else { return }
        throw DomainError.invalid([FieldError(field: "team_id", code: "unknown_team", message: "No such team.")])
    }
}
