import FluentKit
import SQLKit

/// A substring index over `customers.search_text`, so a rare search term of three or more
/// characters finds its customers without reading every row: SQLite's FTS5 trigram tokenizer
/// (kept in step by triggers) or PostgreSQL's pg_trgm GIN index.
struct CreateCustomerSearchIndex: AsyncMigration {
    var name: String { "003_CreateCustomerSearchIndex" }

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        if sql.engine == .sqlite {
            for statement in Self.sqlite { try await sql.raw("\(unsafeRaw: statement)").run() }
        } else {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw("CREATE INDEX customers_search_trgm ON customers USING gin (search_text gin_trgm_ops)")
                .run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        if sql.engine == .sqlite {
            for statement in [
                "DROP TRIGGER customers_search_insert", "DROP TRIGGER customers_search_update",
                "DROP TRIGGER customers_search_delete", "DROP TABLE customer_search_map",
                "DROP TABLE customer_search",
            ] {
                try await sql.raw("\(unsafeRaw: statement)").run()
            }
        } else {
            try await sql.raw("DROP INDEX customers_search_trgm").run()
        }
    }

    /// The FTS table has rowids of its own; `customer_search_map` ties each to its customer, so
    /// nothing depends on the customers table's implicit rowids (which VACUUM may renumber).
    static let sqlite = [
        "CREATE VIRTUAL TABLE customer_search USING fts5(search_text, tokenize = 'trigram')",
        "CREATE TABLE customer_search_map (fts_rowid INTEGER PRIMARY KEY, customer_id NOT NULL UNIQUE)",
        """
        CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
            INSERT INTO customer_search (search_text) VALUES (new.search_text);
            INSERT INTO customer_search_map (fts_rowid, customer_id) VALUES (last_insert_rowid(), new.id);
        END
        """,
        """
        CREATE TRIGGER customers_search_update AFTER UPDATE OF search_text ON customers BEGIN
            UPDATE customer_search SET search_text = new.search_text
            WHERE rowid = (SELECT fts_rowid FROM customer_search_map WHERE customer_id = old.id);
        END
        """,
        """
        CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
            DELETE FROM customer_search
                WHERE rowid = (SELECT fts_rowid FROM customer_search_map WHERE customer_id = old.id);
            DELETE FROM customer_search_map WHERE customer_id = old.id;
        END
        """,
    ]
}
