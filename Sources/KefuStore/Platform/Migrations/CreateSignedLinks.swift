import FluentKit
import SQLKit

/// Signed public links (DESIGN.md "Signed public links"): one row per issued token, stored only as its SHA-256
/// hash, with what it opens (`purpose`, `subject_id`), its expiry, single-use flag, use and revocation.
struct CreateSignedLinks: AsyncMigration {
    var name: String { "013_CreateSignedLinks" }

    func prepare(on database: any Database) async throws {
        try await database.schema("signed_links")
            .id()
            .field("purpose", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("token_hash", .string, .required)
            .field("single_use", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime)
            .field("used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX signed_links_subject_idx ON signed_links (purpose, subject_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("signed_links").delete()
    }
}
