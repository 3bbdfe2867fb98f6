import FluentKit
import SQLKit

/// Background work (DESIGN.md "Jobs"): one row per scheduled piece of work, named by a unique key so that
/// scheduling it twice is a no-op. The (status, run_at) index is what the worker claims due jobs by.
struct CreateJobs: AsyncMigration {
    var name: String { "016_CreateJobs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .id()
            .field("kind", .string, .required)
            .field("unique_key", .string, .required)
            .field("payload", .string, .required)
            .field("run_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("status", .string, .required)
            .field("locked_until", .datetime)
            .field("locked_by", .string)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "unique_key")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX jobs_claim_idx ON jobs (status, run_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
