import Foundation
import FluentKit
import KefuCore
import SQLKit

/// An index of `SearchGrams` (single CJK, kana and Hangul characters and adjacent pairs) over each
/// customer's search text, so a rare 1–2 character term such as the given name 覃 is looked up
/// instead of scanned: trigrams need three characters, and PostgreSQL's pg_trgm skips CJK text
/// altogether under the C locale.
///
/// The grams are stored in `customers.search_grams` (computed in Swift: neither engine's SQL knows
/// which characters are ideographs). SQLite keeps an FTS5 table of them whose rowids are those of
/// `customer_search`, so the existing `customer_search_map` row ties both to the customer, and the
/// triggers of 003 are replaced by ones that keep both tables in step. PostgreSQL has a GIN index
/// over the words of `search_grams`.
struct CreateCustomerGramIndex: AsyncMigration {
    var name: String { "004_CreateCustomerGramIndex" }
    /// Customers read and rewritten per statement when existing rows get their grams.
    var backfillPageSize = 1_000

    func prepare(on database: any Database) async throws {
        let pageSize = backfillPageSize
        // One transaction: a backfill that fails half-way leaves the database as 003 made it.
        try await database.sqlTransaction { sql in
            try await sql.raw("ALTER TABLE customers ADD COLUMN search_grams TEXT NOT NULL DEFAULT ''").run()
            try await SearchIndex.customers.backfillGrams(of: ["search_text"], on: sql, pageSize: pageSize)
            if sql.engine == .sqlite {
                for statement in Self.sqlite { try await sql.raw("\(unsafeRaw: statement)").run() }
            } else {
                try await sql.raw(
                    """
                    CREATE INDEX customers_grams_gin ON customers USING gin (string_to_array(search_grams, ' '))
                    """
                ).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.sqlTransaction { sql in
            if sql.engine == .sqlite {
                // The column cannot go while a trigger names it; 003's triggers come back instead.
                let triggers003 = CreateCustomerSearchIndex.sqlite.filter { $0.hasPrefix("CREATE TRIGGER") }
                for statement in Self.dropTriggers + triggers003 + ["DROP TABLE customer_grams"] {
                    try await sql.raw("\(unsafeRaw: statement)").run()
                }
            } else {
                try await sql.raw("DROP INDEX customers_grams_gin").run()
            }
            try await sql.raw("ALTER TABLE customers DROP COLUMN search_grams").run()
        }
    }

    static let dropTriggers = [
        "DROP TRIGGER customers_search_insert", "DROP TRIGGER customers_search_update",
        "DROP TRIGGER customers_search_delete",
    ]

    /// Run after the backfill. The first two statements give a trigram row to customers that have
    /// none (003 indexed only customers created after it ran), numbered after the last one; then the
    /// gram table starts with every customer. In the insert trigger the map's key is its rowid, so
    /// `last_insert_rowid()` after the map insert is still the new `customer_search` rowid.
    static let sqlite =
        [
            """
            INSERT INTO customer_search_map (fts_rowid, customer_id)
            SELECT (SELECT coalesce(max(rowid), 0) FROM customer_search) + row_number() OVER (ORDER BY id), id
            FROM customers WHERE id NOT IN (SELECT customer_id FROM customer_search_map)
            """,
            """
            INSERT INTO customer_search (rowid, search_text)
            SELECT m.fts_rowid, c.search_text FROM customer_search_map m JOIN customers c ON c.id = m.customer_id
            WHERE m.fts_rowid > (SELECT coalesce(max(rowid), 0) FROM customer_search)
            """,
            "CREATE VIRTUAL TABLE customer_grams USING fts5(grams, tokenize = 'unicode61')",
            """
            INSERT INTO customer_grams (rowid, grams)
            SELECT m.fts_rowid, c.search_grams FROM customer_search_map m JOIN customers c ON c.id = m.customer_id
            """,
        ] + dropTriggers + [
            """
            CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
                INSERT INTO customer_search (search_text) VALUES (new.search_text);
                INSERT INTO customer_search_map (fts_rowid, customer_id) VALUES (last_insert_rowid(), new.id);
                INSERT INTO customer_grams (rowid, grams) VALUES (last_insert_rowid(), new.search_grams);
            END
            """,
            """
            CREATE TRIGGER customers_search_update AFTER UPDATE OF search_text, search_grams ON customers BEGIN
                UPDATE customer_search SET search_text = new.search_text
                WHERE rowid = (SELECT fts_rowid FROM customer_search_map WHERE customer_id = old.id);
                UPDATE customer_grams SET grams = new.search_grams
                WHERE rowid = (SELECT fts_rowid FROM customer_search_map WHERE customer_id = old.id);
            END
            """,
            """
            CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
                DELETE FROM customer_search
                WHERE rowid = (SELECT fts_rowid FROM customer_search_map WHERE customer_id = old.id);
                DELETE FROM customer_grams
                WHERE rowid = (SELECT fts_rowid FROM customer_search_map WHERE customer_id = old.id);
                DELETE FROM customer_search_map WHERE customer_id = old.id;
            END
            """,
        ]
}
