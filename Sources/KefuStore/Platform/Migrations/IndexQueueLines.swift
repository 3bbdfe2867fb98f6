import FluentKit
import SQLKit

/// Two queue reads that scanned the whole waiting line (found profiling call-next with 10,000 waiting): the line
/// of tickets transferred to a counter had no index on `target_counter_id`, so every call walked all waiting
/// tickets to find none; and the arrivals of the last hour, which every estimate counts by class, read each row
/// for its class. Both get covering indexes.
struct IndexQueueLines: AsyncMigration {
    var name: String { "037_IndexQueueLines" }

    func prepare(on database: any Database) async throws {
        for statement in [
            """
            CREATE INDEX queue_tickets_transferred_idx ON queue_tickets \
            (target_counter_id, class, arrived_at, issued_at, id) \
            WHERE status = 'waiting' AND target_counter_id IS NOT NULL
            """,
            "DROP INDEX queue_tickets_arrivals_idx",
            "CREATE INDEX queue_tickets_arrivals_idx ON queue_tickets (service_id, issued_at, class)",
        ] {
            try await database.sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    func revert(on database: any Database) async throws {
        for statement in [
            "DROP INDEX queue_tickets_transferred_idx",
            "DROP INDEX queue_tickets_arrivals_idx",
            "CREATE INDEX queue_tickets_arrivals_idx ON queue_tickets (service_id, issued_at)",
        ] {
            try await database.sql.raw("\(unsafeRaw: statement)").run()
        }
    }
}
