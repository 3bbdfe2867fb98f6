import FluentKit
import SQLKit

/// The walk-in queue (issue 14): per-branch settings, services with their ticket prefixes, counters, the
/// tickets, and each service's observed service time per local hour of day (exponentially weighted). A ticket's number is unique per service and local day; `arrived_at` orders the line (a transfer keeps
/// it), and the partial index over waiting tickets gives each (service, class) line's head in one probe, which is
/// all any calling policy needs, since within a class every policy serves the earliest arrival first.
struct CreateQueue: AsyncMigration {
    var name: String { "035_CreateQueue" }

    func prepare(on database: any Database) async throws {
        try await database.schema("queue_branches")
            .field("branch_id", .uuid, .required, .references("branches", "id", onDelete: .cascade))
            .field("policy", .string, .required)
            .field("aging_minutes", .double)
            .field("class_order", .string, .required)
            .field("tier_classes", .string, .required)
            .field("no_show_after_recalls", .int64, .required)
            .field("board_message", .string)
            .field("device_key_hash", .string)
            .field("updated_at", .datetime, .required)
            .compositeIdentifier(over: "branch_id")
            .create()
        try await database.schema("queue_services")
            .id()
            .field("branch_id", .uuid, .required, .references("branches", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("name_en", .string)
            .field("prefix", .string, .required)
            .field("expected_service_minutes", .double, .required)
            .field("target_wait_minutes", .double, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "branch_id", "prefix")
            .create()
        try await database.schema("queue_counters")
            .id()
            .field("branch_id", .uuid, .required, .references("branches", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("service_ids", .string, .required)
            .field("open", .bool, .required)
            .field("agent_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "branch_id", "name")
            .create()
        try await database.schema("queue_tickets")
            .id()
            .field("branch_id", .uuid, .required, .references("branches", "id", onDelete: .cascade))
            .field("service_id", .uuid, .required, .references("queue_services", "id", onDelete: .cascade))
            .field("number", .string, .required)
            .field("day", .string, .required)
            .field("sequence", .int64, .required)
            .field("class", .string, .required)
            .field("status", .string, .required)
            .field("customer_id", .uuid, .references("customers", "id", onDelete: .setNull))
            .field("phone", .string)
            .field("channel", .string, .required)
            .field("arrived_at", .datetime, .required)
            .field("issued_at", .datetime, .required)
            .field("called_at", .datetime)
            .field("counter_id", .uuid, .references("queue_counters", "id", onDelete: .setNull))
            .field("target_counter_id", .uuid, .references("queue_counters", "id", onDelete: .setNull))
            .field("call_reason", .string)
            .field("recalls", .int64, .required)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .field("outcome", .string)
            .field("served_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("estimate_low", .int64)
            .field("estimate_high", .int64)
            .field("updated_at", .datetime, .required)
            .unique(on: "service_id", "day", "sequence")
            .create()
        try await database.schema("queue_service_times")
            .field("service_id", .uuid, .required, .references("queue_services", "id", onDelete: .cascade))
            .field("hour", .int64, .required)
            .field("mean_minutes", .double, .required)
            .field("observations", .int64, .required)
            .compositeIdentifier(over: "service_id", "hour")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        for statement in [
            """
            CREATE INDEX queue_tickets_waiting_idx ON queue_tickets (service_id, class, arrived_at, issued_at, id) \
            WHERE status = 'waiting'
            """,
            "CREATE INDEX queue_tickets_branch_idx ON queue_tickets (branch_id, status, issued_at, id)",
            "CREATE INDEX queue_tickets_counter_idx ON queue_tickets (counter_id, status)",
            "CREATE INDEX queue_tickets_arrivals_idx ON queue_tickets (service_id, issued_at)",
            "CREATE INDEX queue_tickets_called_idx ON queue_tickets (branch_id, called_at)",
        ] {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["queue_service_times", "queue_tickets", "queue_counters", "queue_services", "queue_branches"] {
            try await database.schema(table).delete()
        }
    }
}
