import FluentKit
import SQLKit

/// Ticket search at scale (`SearchIndex.tickets`): the customer's name moves onto the ticket
/// (`customer_name`, its lower-cased name, kept in step when the customer is renamed) so one index
/// answers "number, subject, description, any message or the customer's name", and `search_grams`
/// holds the grams of all of it. Inbox views read open tickets only, so the assignee and team
/// indexes cover just those, newest first; a status filter reads its tickets newest first too.
struct CreateTicketSearchIndex: AsyncMigration {
    var name: String { "015_CreateTicketSearchIndex" }
    /// Tickets given their grams per statement.
    var backfillPageSize = 1_000

    /// The text columns of the trigram index.
    static let texts = ["search_text", "customer_name"]

    func prepare(on database: any Database) async throws {
        let pageSize = backfillPageSize
        try await database.sqlTransaction { sql in
            try await sql.raw("ALTER TABLE tickets ADD COLUMN customer_name TEXT NOT NULL DEFAULT ''").run()
            try await sql.raw("ALTER TABLE tickets ADD COLUMN search_grams TEXT NOT NULL DEFAULT ''").run()
            try await sql.raw(
                """
                UPDATE tickets SET customer_name = (SELECT c.name_key FROM customers c WHERE c.id = tickets.customer_id)
                """
            ).run()
            let index = SearchIndex.tickets
            try await index.backfillGrams(of: Self.texts, on: sql, pageSize: pageSize)
            let schema =
                sql.engine == .sqlite ? index.sqliteSchema(texts: Self.texts) : index.postgresSchema(texts: Self.texts)
            for statement in schema + Self.inboxIndexes { try await sql.raw("\(unsafeRaw: statement)").run() }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.sqlTransaction { sql in
            let index = SearchIndex.tickets
            let drops =
                sql.engine == .sqlite
                ? [
                    "DROP TRIGGER tickets_search_insert", "DROP TRIGGER tickets_search_update",
                    "DROP TRIGGER tickets_search_delete", "DROP TABLE \(index.map)", "DROP TABLE \(index.trigrams)",
                    "DROP TABLE \(index.grams)",
                ]
                : Self.texts.map { "DROP INDEX tickets_\($0)_trgm" } + ["DROP INDEX tickets_grams_gin"]
            let indexes = ["tickets_open_assignee_idx", "tickets_open_team_idx", "tickets_status_created_idx"]
            for statement in drops + indexes.map({ "DROP INDEX \($0)" }) {
                try await sql.raw("\(unsafeRaw: statement)").run()
            }
            try await sql.raw("ALTER TABLE tickets DROP COLUMN search_grams").run()
            try await sql.raw("ALTER TABLE tickets DROP COLUMN customer_name").run()
        }
    }

    /// Partial indexes of the open tickets (`TicketSearch.openCondition`, word for word, so SQLite
    /// sees that a query's condition implies the index's), and the tickets of each status newest first.
    static let inboxIndexes = [
        "CREATE INDEX tickets_open_assignee_idx ON tickets (assignee_id, created_at, id) WHERE \(TicketSearch.openCondition)",
        "CREATE INDEX tickets_open_team_idx ON tickets (team_id, created_at, id) WHERE \(TicketSearch.openCondition)",
        "CREATE INDEX tickets_status_created_idx ON tickets (status, created_at, id)",
    ]
}
