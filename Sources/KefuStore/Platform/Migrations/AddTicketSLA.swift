import FluentKit
import SQLKit

/// SLA clocks on tickets (issue 11 §2): the policy that applied at the last change, the due instant of each
/// running clock and the earliest of them (`sla_due_at`, what the `breaching_soon` view sorts by), when the
/// running next-reply clock started, and the start of the pause under way. Every ended pause is kept with its
/// bounds, and every breach once per clock (ticket, metric and the clock's start).
struct AddTicketSLA: AsyncMigration {
    var name: String { "019_AddTicketSLA" }

    static let dueColumns = [
        "first_response_due_at", "next_reply_due_at", "resolution_due_at", "sla_due_at", "awaiting_reply_since",
        "sla_paused_since",
    ]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        try await database.schema("tickets").field("sla_policy_id", .uuid).update()
        for column in Self.dueColumns {
            try await database.schema("tickets").field(.string(column), .datetime).update()
        }
        try await database.schema("ticket_sla_pauses")
            .id()
            .field("ticket_id", .uuid, .required)
            .field("status", .string, .required)
            .field("started_at", .datetime, .required)
            .field("ended_at", .datetime)
            .create()
        try await database.schema("ticket_sla_breaches")
            .id()
            .field("ticket_id", .uuid, .required)
            .field("policy_id", .uuid)
            .field("metric", .string, .required)
            .field("started_at", .datetime, .required)
            .field("due_at", .datetime, .required)
            .field("breached_at", .datetime, .required)
            .unique(on: "ticket_id", "metric", "started_at")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        for statement in [
            "CREATE INDEX ticket_sla_pauses_ticket_idx ON ticket_sla_pauses (ticket_id, started_at)",
            "CREATE INDEX ticket_sla_breaches_time_idx ON ticket_sla_breaches (breached_at)",
            "CREATE INDEX tickets_sla_due_idx ON tickets (sla_due_at, id) WHERE sla_due_at IS NOT NULL",
        ] {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP INDEX tickets_sla_due_idx").run() }
        try await database.schema("ticket_sla_breaches").delete()
        try await database.schema("ticket_sla_pauses").delete()
        for column in ["sla_policy_id"] + Self.dueColumns {
            try await database.schema("tickets").deleteField(.string(column)).update()
        }
    }
}
