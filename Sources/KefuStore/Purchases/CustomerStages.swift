import Foundation
import KefuCore
import SQLKit

/// Lifecycle stages that purchases set (`PurchaseSettings.stage`), written for many customers at once: those
/// a purchase import touched, and those the daily sweep finds gone quiet.
///
/// A change writes what `CustomerRepository.replace` writes for a change of the stage alone — the `stage`
/// column and the profile JSON, a `customer.updated` timeline event "Changed stage" and an audit row with the
/// stage before and after — but in multi-row statements, `batchSize` customers a round: `replace` costs
/// about ten statements per customer (it rewrites identities and tags), too many for an import of a million
/// purchases or a sweep over every customer (measured in a debug build on a loaded 2-core machine, SQLite:
/// the sweep moved 20,000 customers in 3.5 s; `replace` took 6.5 s for 2,000, about 65 s for 20,000).
enum CustomerStages {
    /// Customers per round of statements.
    static let batchSize = 500

    /// A live customer with purchases: the stored stage and profile, and the purchase history the rule reads.
    struct Candidate: Decodable {
        var id: UUID
        var stage: String
        var profile: String
        var branch_id: UUID?
        var account_manager_id: UUID?
        var created_at: Date
        var updated_at: Date
        var purchases: Int
        var last: Date?
    }

    /// Recomputes the stages of `customers` (live ones with purchases; others are left alone) at
    /// `attribution.now`; returns how many changed.
    static func recompute(
        _ customers: [UUID], rules: PurchaseSettings, on sql: any SQLDatabase, by attribution: Attribution
    ) async throws -> Int {
        var changed = 0
        for ids in customers.chunked(into: batchSize) where !ids.isEmpty {
            let candidates = try await sql.raw(
                """
                SELECT c.id, c.stage, c.profile, c.branch_id, c.account_manager_id, c.created_at, c.updated_at, h.purchases, h.last \
                FROM customers c JOIN (SELECT customer_id, COUNT(*) AS purchases, MAX(purchased_at) AS last \
                FROM purchases WHERE refund_of IS NULL AND customer_id IN (\(binds: Array(ids))) GROUP BY customer_id) h \
                ON h.customer_id = c.id WHERE c.deleted_at IS NULL AND c.merged_into IS NULL
                """
            ).all(decoding: Candidate.self)
            changed += try await apply(candidates, rules: rules, on: sql, by: attribution)
        }
        return changed
    }

    /// Writes the stage the rule gives each candidate where it differs from the stored one; returns how many.
    static func apply(
        _ candidates: [Candidate], rules: PurchaseSettings, on sql: any SQLDatabase, by attribution: Attribution
    ) async throws -> Int {
        var rows: [(id: UUID, stage: LifecycleStage, profile: String)] = []
        var audits: [AuditLog.Row] = []
        for candidate in candidates {
            let stage = rules.stage(
                purchases: candidate.purchases, lastPurchasedAt: candidate.last, now: attribution.now)
            guard stage.rawValue != candidate.stage else { continue }
            var profile = try CustomerListRow.customer(
                id: candidate.id, profile: candidate.profile, branchID: candidate.branch_id,
                accountManagerID: candidate.account_manager_id, mergedInto: nil,
                createdAt: candidate.created_at, updatedAt: candidate.updated_at
            ).profile
            let before = profile.stage
            profile.stage = stage
            rows.append((candidate.id, stage, try CustomerProfileJSON.encode(profile)))
            audits.append(
                try AuditLog.row(
                    attribution, action: CustomerEventKind.updated, entityType: "customer",
                    entityID: candidate.id.uuidString,
                    changes: ["stage": .init(before: "\"\(before.rawValue)\"", after: "\"\(stage.rawValue)\"")]))
        }
        guard !rows.isEmpty else { return 0 }
        var update: SQLQueryString = "UPDATE customers SET stage = v.column2, profile = v.column3, updated_at = "
        update.appendInterpolation(bind: attribution.now)
        update.appendLiteral(" FROM (VALUES ")
        for (index, row) in rows.enumerated() {
            update.appendLiteral(index == 0 ? "(" : ", (")
            update.appendInterpolation(bind: row.id)
            update.appendLiteral(", ")
            update.appendInterpolation(bind: row.stage.rawValue)
            update.appendLiteral(", ")
            update.appendInterpolation(bind: row.profile)
            update.appendLiteral(")")
        }
        update.appendLiteral(") AS v WHERE customers.id = v.column1")
        try await sql.raw(update).run()
        var events = BulkInsert(
            into: "timeline_events", columns: ["id", "customer_id"],
            constants: [
                ("kind", CustomerEventKind.updated), ("summary", "Changed stage"),
                ("data", try StoreJSON.encode(["fields": "stage"])), ("actor_id", attribution.userID),
                ("occurred_at", attribution.now),
            ])
        for row in rows {
            events.append(TimeOrderedID.next(now: attribution.now))
            events.append(row.id)
        }
        try await events.flush(on: sql)
        try await sql.insertAll(into: "audit_log", audits)
        return rows.count
    }
}
