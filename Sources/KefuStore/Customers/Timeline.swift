public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// The one append-only stream of events per customer. Every capability appends through
/// `append(_:on:)` inside its own transaction; readers page through it newest first.
public enum Timeline {
    struct Row: Codable {
        var id: UUID
        var customer_id: UUID
        var kind: String
        var summary: String
        var data: String
        var actor_id: UUID?
        var occurred_at: Date
    }

    static func append(
        on sql: any SQLDatabase, customerID: UUID, kind: String, summary: String,
        data: [String: String] = [:], attribution: Attribution
    ) async throws {
        let row = Row(
            id: TimeOrderedID.next(now: attribution.now), customer_id: customerID, kind: kind, summary: summary,
            data: try StoreJSON.encode(data), actor_id: attribution.userID, occurred_at: attribution.now)
        try await sql.insert(into: "timeline_events").model(row).run()
    }

    /// A customer's events, newest first.
    public static func list(
        in database: KefuDatabase, customerID: UUID, limit: Int,
        cursor: PageCursor?
    ) async throws -> KefuCore.Page<TimelineEvent> {
        _ = try await CustomerRepository(database).get(customerID)
        return try await database.db.sql.select().column("*").from("timeline_events").where(
            "customer_id", .equal, customerID
        )
        .page(
            Row.self, column: "occurred_at", descending: true, limit: limit, cursor: cursor,
            key: { PageCursor(value: .date($0.occurred_at), id: $0.id) }
        ) { row in
            TimelineEvent(
                id: row.id, customerID: row.customer_id, kind: row.kind, summary: row.summary,
                data: try StoreJSON.decode([String: String].self, from: row.data), actorID: row.actor_id,
                occurredAt: row.occurred_at)
        }
    }
}
