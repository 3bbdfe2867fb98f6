import FluentKit
import SQLKit

/// Relationship health (issue 12 §3): the `health_events` ledger, one row per event on a customer's
/// relationship, `source` naming what caused it (unique, so recording the same cause again is a no-op on both
/// engines); `customer_health`, each customer's last evaluated balance and at-risk mark, so crossing the
/// threshold is noticed once; and the health settings (`HealthSettings`) as one JSON column of the settings
/// row, null reading as the defaults.
struct CreateHealthEvents: AsyncMigration {
    var name: String { "023_CreateHealthEvents" }

    func prepare(on database: any Database) async throws {
        try await database.schema("health_events")
            .id()
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("at", .datetime, .required)
            .field("source", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "source")
            .create()
        try await database.schema("customer_health")
            .field("customer_id", .uuid, .identifier(auto: false), .references("customers", "id", onDelete: .cascade))
            .field("balance", .double, .required)
            .field("at_risk", .bool, .required)
            .field("evaluated_at", .datetime, .required)
            .create()
        try await database.schema("settings").field("health", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX health_events_customer_idx ON health_events (customer_id, at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("settings").deleteField("health").update()
        try await database.schema("customer_health").delete()
        try await database.schema("health_events").delete()
    }
}
