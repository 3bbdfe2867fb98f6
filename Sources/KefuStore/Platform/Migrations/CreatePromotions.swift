import FluentKit
import SQLKit

/// Stored promotions (issue 15 §3): each is the engine's JSON definition under the promotion's own id (`code`
/// here; the row has a UUID for paging like every other table), and whether it is active. `POST /api/v1/quote`
/// prices a basket against the active ones.
struct CreatePromotions: AsyncMigration {
    var name: String { "028_CreatePromotions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("promotions")
            .id()
            .field("code", .string, .required)
            .field("definition", .string, .required)
            .field("active", .bool, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX promotions_created_idx ON promotions (created_at, id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("promotions").delete()
    }
}
