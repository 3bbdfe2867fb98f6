public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Stored promotions (issue 15 §3): the engine's definitions (`Promotion`, validated when decoded) kept by id,
/// active or not, with the share of customers held out of it (`PromotionHoldout`), for `POST /api/v1/quote` and the
/// managers who edit them. Every write is audited.
public struct PromotionRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
    }

    /// A promotion as stored: its definition, whether it is active, the percentage of customers held out of it, and
    /// when it was made and last changed.
    public struct Stored: Sendable, Equatable {
        public var promotion: Promotion
        public var active: Bool
        public var holdoutPercent: Int
        public var createdAt: Date
        public var updatedAt: Date
    }

    struct Row: Codable {
        var id: UUID
        var code: String
        var definition: String
        var active: Bool
        var holdout_percent: Int
        var created_by: UUID?
        var created_at: Date
        var updated_at: Date

        /// The definition with the server's attributes, as the audit log shows a change.
        var summary: String {
            definition + (active ? "" : " (inactive)") + (holdout_percent == 0 ? "" : " (holdout \(holdout_percent)%)")
        }

        func stored() throws -> Stored {
            do {
                let promotion = try JSONDecoder().decode(Promotion.self, from: Data(definition.utf8))
                return Stored(
                    promotion: promotion, active: active, holdoutPercent: holdout_percent, createdAt: created_at,
                    updatedAt: updated_at)
            } catch {
                throw StoreError.corrupt("Promotion \(code) does not decode: \(error)")
            }
        }
    }

    /// Stores a new promotion; an id taken already is a 409 naming `id`, a holdout outside 0…50 a 400 naming
    /// `holdout_percent`.
    public func create(_ promotion: Promotion, active: Bool, holdoutPercent: Int = 0, by attribution: Attribution)
        async throws -> Stored
    {
        try Self.check(holdoutPercent: holdoutPercent)
        let row = Row(
            id: TimeOrderedID.next(now: attribution.now), code: promotion.id,
            definition: try StoreJSON.encode(promotion), active: active, holdout_percent: holdoutPercent,
            created_by: attribution.userID, created_at: attribution.now, updated_at: attribution.now)
        return try await db.sqlTransaction { tx in
            let inserted = try await tx.insert(into: "promotions").model(row).ignoringConflicts().returning("id").all()
            guard !inserted.isEmpty else {
                throw DomainError.conflict(
                    message: "A promotion with the id \(promotion.id) exists.", field: "id", conflictingID: nil)
            }
            try await Self.audit(
                "promotion.create", id: promotion.id, before: nil, after: row.definition, on: tx, attribution)
            return try row.stored()
        }
    }

    /// Replaces the definition, the active flag and — unless nil, which keeps it — the holdout of promotion `id`
    /// (`.notFound` when there is none); the definition's id must be `id`.
    public func replace(
        _ id: String, with promotion: Promotion, active: Bool, holdoutPercent: Int? = nil, by attribution: Attribution
    ) async throws -> Stored {
        if let holdoutPercent { try Self.check(holdoutPercent: holdoutPercent) }
        guard promotion.id == id else {
            throw DomainError.invalid([
                FieldError(field: "id", code: "id_mismatch", message: "The promotion's id must be \(id).")
            ])
        }
        return try await db.sqlTransaction { tx in
            let old = try await Self.row(id, on: tx)
            var row = old
            row.definition = try StoreJSON.encode(promotion)
            row.active = active
            row.holdout_percent = holdoutPercent ?? old.holdout_percent
            row.updated_at = attribution.now
            try await tx.update("promotions").set("definition", to: row.definition).set("active", to: active)
                .set("holdout_percent", to: row.holdout_percent).set("updated_at", to: attribution.now)
                .where("code", .equal, id).run()
            try await Self.audit(
                "promotion.update", id: id, before: old.summary, after: row.summary, on: tx, attribution)
            return try row.stored()
        }
    }

    /// Deletes promotion `id` (`.notFound` when there is none).
    public func delete(_ id: String, by attribution: Attribution) async throws {
        try await db.sqlTransaction { tx in
            let old = try await Self.row(id, on: tx)
            try await tx.delete(from: "promotions").where("code", .equal, id).run()
            try await Self.audit("promotion.delete", id: id, before: old.definition, after: nil, on: tx, attribution)
        }
    }

    public func get(_ id: String) async throws -> Stored { try await Self.row(id, on: db.sql).stored() }

    /// Promotions, newest first; `active` keeps only the active or the inactive ones.
    public func list(active: Bool?, limit: Int, cursor: PageCursor?) async throws -> KefuCore.Page<Stored> {
        var query = db.sql.select().column("*").from("promotions")
        if let active { query = query.where("active", .equal, active) }
        return try await query.page(
            Row.self, column: "created_at", descending: true, limit: limit, cursor: cursor,
            key: { PageCursor(value: .date($0.created_at), id: $0.id) }, map: { try $0.stored() })
    }

    /// Every active promotion: what a quote is priced against, each customer without those they are held out of.
    public func active() async throws -> [Stored] {
        try await db.sql.select().column("*").from("promotions").where("active", .equal, true).orderBy("code")
            .all(decoding: Row.self).map { try $0.stored() }
    }

    private static func check(holdoutPercent: Int) throws {
        guard (0...PromotionHoldout.maxPercent).contains(holdoutPercent) else {
            throw DomainError.invalid([
                FieldError(
                    field: "holdout_percent", code: "out_of_range",
                    message: "The holdout is between 0 and \(PromotionHoldout.maxPercent) percent.")
            ])
        }
    }

    private static func row(_ id: String, on sql: any SQLDatabase) async throws -> Row {
        guard
            let row = try await sql.select().column("*").from("promotions").where("code", .equal, id)
                .first(decoding: Row.self)
        else { throw DomainError.notFound(entity: "promotion", id: id) }
        return row
    }

    private static func audit(
        _ action: String, id: String, before: String?, after: String?, on tx: any SQLDatabase,
        _ attribution: Attribution
    ) async throws {
        try await AuditLog.record(
            on: tx, attribution, action: action, entityType: "promotion", entityID: id,
            changes: ["definition": .init(before: before, after: after)])
    }
}
