public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Surveys: create, read, list and change (deactivate with `active: false`). A survey's kind and form
/// (two- or three-column SERVQUAL) never change once made, so every stored answer keeps meaning what it meant.
/// Each write is one transaction with its audit row.
public struct SurveyRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
    }

    public func create(_ input: SurveyDraft, by attribution: Attribution) async throws -> Survey {
        let draft = try DomainError.validating { try input.validated() }
        let survey = Survey(
            id: TimeOrderedID.next(now: attribution.now), draft: draft, createdAt: attribution.now,
            updatedAt: attribution.now)
        try await db.sqlTransaction { tx in
            try await tx.insert(into: "surveys").model(try SurveyRow(survey, createdBy: attribution.userID)).run()
            try await AuditLog.record(
                on: tx, attribution, action: "survey.created", entityType: "survey", entityID: survey.id.uuidString,
                changes: try AuditLog.diff(before: Survey?.none, after: survey))
        }
        return survey
    }

    /// Replaces the survey's editable members with `input` (a PATCH merged onto `get(id).draft`).
    public func update(_ id: UUID, to input: SurveyDraft, by attribution: Attribution) async throws -> Survey {
        let draft = try DomainError.validating { try input.validated() }
        return try await db.sqlTransaction { tx in
            let before = try await Self.load(id, on: tx)
            var fixed: [FieldError] = []
            if draft.kind != before.kind {
                fixed.append(FieldError(field: "kind", code: "immutable", message: "A survey's kind cannot change."))
            }
            if draft.threeColumn != before.threeColumn {
                fixed.append(
                    FieldError(
                        field: "three_column", code: "immutable", message: "A SERVQUAL survey's form cannot change."))
            }
            guard fixed.isEmpty else { throw DomainError.invalid(fixed) }
            let after = Survey(id: id, draft: draft, createdAt: before.createdAt, updatedAt: attribution.now)
            guard after.draft != before.draft else { return before }
            let row = try SurveyRow(after, createdBy: nil)
            try await tx.update("surveys").set("title", to: row.title).set("title_zh", to: row.title_zh)
                .set("questions", to: row.questions).set("importance", to: row.importance)
                .set("active", to: row.active).set("updated_at", to: row.updated_at).where("id", .equal, id).run()
            try await AuditLog.record(
                on: tx, attribution, action: "survey.updated", entityType: "survey", entityID: id.uuidString,
                changes: try AuditLog.diff(before: before, after: after))
            return after
        }
    }

    /// The survey, or `.notFound`.
    public func get(_ id: UUID) async throws -> Survey {
        try await Self.load(id, on: db.sql)
    }

    /// Surveys, newest first; `kind` and `active` narrow.
    public func list(kind: SurveyKind? = nil, active: Bool? = nil, limit: Int, cursor: PageCursor?) async throws
        -> KefuCore.Page<Survey>
    {
        var query = db.sql.select().column("*").from("surveys")
        if let kind { query = query.where("kind", .equal, kind.rawValue) }
        if let active { query = query.where("active", .equal, active) }
        return try await query.page(
            SurveyRow.self, column: "created_at", descending: true, limit: limit, cursor: cursor,
            key: { PageCursor(value: .date($0.created_at), id: $0.id) }, map: { try $0.survey() })
    }

    static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> Survey {
        guard
            let row = try await sql.select().column("*").from("surveys").where("id", .equal, id)
                .first(decoding: SurveyRow.self)
        else { throw DomainError.notFound(entity: "survey", id: id.uuidString) }
        return try row.survey()
    }
}
