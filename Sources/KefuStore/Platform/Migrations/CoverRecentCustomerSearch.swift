import FluentKit
import SQLKit

/// On SQLite, the newest-first index of live customers also holds their search text, so a search
/// that looks through the newest rows (`CustomerRepository.list`) reads only this index, not each
/// row: at 1,000,000 customers this halves the cost of a term that matches a few in a thousand.
/// It replaces the plain `customers_created_idx`, whose only user was the customer list, which
/// always asks for live customers. PostgreSQL keeps its index: a B-tree entry there must stay under
/// ~2.7 kB, and a search text (which includes every note) has no such bound.
struct CoverRecentCustomerSearch: AsyncMigration {
    var name: String { "005_CoverRecentCustomerSearch" }

    func prepare(on database: any Database) async throws {
        guard database.sql.engine == .sqlite else { return }
        try await run(
            [
                """
                CREATE INDEX customers_live_created_idx ON customers (created_at, id, search_text) \
                WHERE deleted_at IS NULL AND merged_into IS NULL
                """,
                "DROP INDEX customers_created_idx",
            ], on: database.sql)
    }

    func revert(on database: any Database) async throws {
        guard database.sql.engine == .sqlite else { return }
        try await run(
            [
                "CREATE INDEX customers_created_idx ON customers (created_at, id)",
                "DROP INDEX customers_live_created_idx",
            ], on: database.sql)
    }

    private func run(_ statements: [String], on sql: any SQLDatabase) async throws {
        for statement in statements { try await sql.raw("\(unsafeRaw: statement)").run() }
    }
}
