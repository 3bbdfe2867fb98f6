import FluentKit
import SQLKit

/// The events a `RateLimit` counts (public tickets per client address), kept in the database so the limit holds
/// across several `kefu serve` instances; rows older than their window are swept as new ones arrive.
struct CreateRateLimitEvents: AsyncMigration {
    var name: String { "014_CreateRateLimitEvents" }

    func prepare(on database: any Database) async throws {
        try await database.schema("rate_limit_events")
            .id()
            .field("bucket", .string, .required)
            .field("client_key", .string, .required)
            .field("occurred_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            "CREATE INDEX rate_limit_events_key_idx ON rate_limit_events (bucket, client_key, occurred_at)"
        )
        .run()
        try await sql.raw("CREATE INDEX rate_limit_events_age_idx ON rate_limit_events (bucket, occurred_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rate_limit_events").delete()
    }
}
