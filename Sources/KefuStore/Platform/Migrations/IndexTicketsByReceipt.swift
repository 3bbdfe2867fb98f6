import FluentKit
import SQLKit

/// Every service-desk report reads the tickets received in a period, so `received_at` gets an index:
/// a month's report on a year of tickets then reads that month, not the whole table.
struct IndexTicketsByReceipt: AsyncMigration {
    var name: String { "011_IndexTicketsByReceipt" }

    func prepare(on database: any Database) async throws {
        try await database.sql.raw("CREATE INDEX tickets_received_idx ON tickets (received_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP INDEX tickets_received_idx").run()
    }
}
