import FluentKit
import SQLKit

/// A ticket lists its links from both ends; the key of `ticket_links` covers the writing end only, so this index
/// keeps reading the other end from scanning every link.
struct IndexTicketLinksByOtherEnd: AsyncMigration {
    var name: String { "010_IndexTicketLinksByOtherEnd" }

    func prepare(on database: any Database) async throws {
        try await database.sql.raw("CREATE INDEX ticket_links_other_idx ON ticket_links (other_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP INDEX ticket_links_other_idx").run()
    }
}
