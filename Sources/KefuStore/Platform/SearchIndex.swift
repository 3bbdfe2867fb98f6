import Foundation
import KefuCore
import SQLKit

/// A substring index over one table's lower-cased search text, shared by every list that searches
/// "any part of any word, in any script" (customers, tickets).
///
/// A `LIKE '%term%'` cannot use an ordinary index. SQLite keeps two FTS5 tables per indexed table,
/// kept in step by triggers: one with the trigram tokenizer over the text (terms of three or more
/// characters, found as a phrase: consecutive trigrams are exactly the substring) and one over its
/// `SearchGrams` (CJK, kana and Hangul characters and pairs, so a rare one- or two-character name
/// such as 覃 is looked up too). Both share rowids, which a map table ties to the row's id, so
/// nothing depends on the indexed table's implicit rowids (which VACUUM may renumber). PostgreSQL
/// has a pg_trgm GIN index, which its planner applies to the `LIKE` by itself, and a GIN index over
/// the words of `search_grams` (pg_trgm skips CJK text under the C locale).
///
/// The index proposes candidates; the exact `LIKE` on the table always decides.
struct SearchIndex: Sendable {
    /// The indexed table (its key column is `id`).
    let table: String
    /// The FTS5 trigram table.
    let trigrams: String
    /// The FTS5 table of the grams.
    let grams: String
    /// Ties FTS rowids (`fts_rowid`) to the indexed row (`key`).
    let map: String
    let key: String

    static let customers = SearchIndex(
        table: "customers", trigrams: "customer_search", grams: "customer_grams", map: "customer_search_map",
        key: "customer_id")
    static let tickets = SearchIndex(
        table: "tickets", trigrams: "ticket_search", grams: "ticket_grams", map: "ticket_search_map",
        key: "ticket_id")

    /// Where the candidates for a search term come from, when an index can propose them.
    ///
    /// On SQLite, terms of three or more characters go through the trigram table, shorter terms
    /// made only of gram characters through the gram table. On PostgreSQL, every term made only of
    /// gram characters goes through the gram index and other terms of three or more characters
    /// through pg_trgm. Other terms scan.
    enum Candidates {
        /// An SQLite FTS5 table, with this MATCH expression.
        case fts(table: String, match: String)
        /// PostgreSQL GIN index over the grams, with these tokens separated by spaces.
        case gramArray(String)
        /// PostgreSQL pg_trgm, which the planner applies to the LIKE itself.
        case postgresTrigrams
    }

    /// True when the trigram index can answer `term`: three or more characters.
    static func hasTrigrams(_ term: String) -> Bool { term.count >= 3 }

    func candidates(for term: String?, engine: DatabaseEngine) -> Candidates? {
        guard let term else { return nil }
        let sqlite = engine == .sqlite
        if sqlite, Self.hasTrigrams(term) { return .fts(table: trigrams, match: Self.ftsString(term)) }
        if let tokens = SearchGrams.queryTokens(for: term) {
            guard sqlite else { return .gramArray(tokens.joined(separator: " ")) }
            // Every token as an FTS5 string, all required: `"王小" AND "小明"`.
            return .fts(table: grams, match: tokens.map(Self.ftsString).joined(separator: " AND "))
        }
        return sqlite || !Self.hasTrigrams(term) ? nil : .postgresTrigrams
    }

    /// `text` as an FTS5 string (a phrase to the tokenizer): in double quotes, its own doubled.
    static func ftsString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Narrows `select` (which reads the indexed table) to the candidates; on SQLite,
    /// `firstCandidates` keeps only that many of them.
    func restrict(_ select: SQLSelectBuilder, to candidates: Candidates?, firstCandidates: Int? = nil)
        -> SQLSelectBuilder
    {
        switch candidates {
        case .fts(let fts, let match):
            select.where(
                SQLQueryString(
                    """
                    \(ident: table).id IN (SELECT \(ident: key) FROM \(ident: map) WHERE fts_rowid IN \
                    (\(Self.ftsRows(in: fts, match, first: firstCandidates))))
                    """))
        case .gramArray(let tokens):
            select.where(
                SQLQueryString(
                    "string_to_array(\(ident: table).search_grams, ' ') @> string_to_array(\(bind: tokens), ' ')"))
        case .postgresTrigrams, nil:
            select
        }
    }

    /// The rowids (the first `first` of them, or all) that the FTS5 `table` matches.
    static func ftsRows(in table: String, _ match: String, first: Int? = nil) -> SQLQueryString {
        let limit = first.map { SQLQueryString(" LIMIT \(literal: $0)") } ?? SQLQueryString("")
        return SQLQueryString("SELECT rowid FROM \(ident: table) WHERE \(ident: table) MATCH \(bind: match)\(limit)")
    }

    /// The indexed table's rows that the FTS5 table `fts` proposes for `match`, walked in the FTS
    /// table's rowid order (the order the rows were indexed in, so the order they were created in):
    /// SQLite reads the candidates from the index in that order and stops at the `LIMIT`, so the
    /// newest matches of a common term cost no more than those of a rare one.
    func walk(_ fts: String, _ match: String, columns: [String], on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0, table: table) }).from(fts)
            .join(
                map, on: SQLBinaryExpression(SQLColumn("fts_rowid", table: map), .equal, SQLColumn("rowid", table: fts))
            )
            .join(table, on: SQLBinaryExpression(SQLColumn("id", table: table), .equal, SQLColumn(key, table: map)))
            .where(SQLQueryString("\(ident: fts) MATCH \(bind: match)"))
    }

    /// The FTS rowid of the indexed row `id`, as an expression (a walk's page cursor).
    func rowid(of id: any Encodable & Sendable) -> SQLQueryString {
        SQLQueryString("(SELECT fts_rowid FROM \(ident: map) WHERE \(ident: key) = \(bind: id))")
    }

    /// The SQLite schema of an index over the columns `texts` of the indexed table (all in the
    /// trigram table) and its `search_grams` column, with the triggers that keep it in step.
    /// Rows that exist already are indexed too, in `id` order.
    func sqliteSchema(texts: [String]) -> [String] {
        let columns = texts.joined(separator: ", ")
        let new = texts.map { "new." + $0 }.joined(separator: ", ")
        let sets = texts.map { "\($0) = new.\($0)" }.joined(separator: ", ")
        let row = "(SELECT fts_rowid FROM \(map) WHERE \(key) = old.id)"
        return [
            "CREATE VIRTUAL TABLE \(trigrams) USING fts5(\(columns), tokenize = 'trigram')",
            "CREATE VIRTUAL TABLE \(grams) USING fts5(grams, tokenize = 'unicode61')",
            "CREATE TABLE \(map) (fts_rowid INTEGER PRIMARY KEY, \(key) NOT NULL UNIQUE)",
            "INSERT INTO \(map) (fts_rowid, \(key)) SELECT row_number() OVER (ORDER BY id), id FROM \(table)",
            """
            INSERT INTO \(trigrams) (rowid, \(columns)) SELECT m.fts_rowid, \(texts.map { "t." + $0 }.joined(separator: ", ")) \
            FROM \(map) m JOIN \(table) t ON t.id = m.\(key)
            """,
            """
            INSERT INTO \(grams) (rowid, grams) SELECT m.fts_rowid, t.search_grams \
            FROM \(map) m JOIN \(table) t ON t.id = m.\(key)
            """,
            // The map's key is its rowid, so `last_insert_rowid()` after the map insert is still the new FTS rowid.
            """
            CREATE TRIGGER \(table)_search_insert AFTER INSERT ON \(table) BEGIN
                INSERT INTO \(trigrams) (\(columns)) VALUES (\(new));
                INSERT INTO \(map) (fts_rowid, \(key)) VALUES (last_insert_rowid(), new.id);
                INSERT INTO \(grams) (rowid, grams) VALUES (last_insert_rowid(), new.search_grams);
            END
            """,
            """
            CREATE TRIGGER \(table)_search_update AFTER UPDATE OF \(columns), search_grams ON \(table) BEGIN
                UPDATE \(trigrams) SET \(sets) WHERE rowid = \(row);
                UPDATE \(grams) SET grams = new.search_grams WHERE rowid = \(row);
            END
            """,
            """
            CREATE TRIGGER \(table)_search_delete AFTER DELETE ON \(table) BEGIN
                DELETE FROM \(trigrams) WHERE rowid = \(row);
                DELETE FROM \(grams) WHERE rowid = \(row);
                DELETE FROM \(map) WHERE \(key) = old.id;
            END
            """,
        ]
    }

    /// The PostgreSQL indexes over the columns `texts` and `search_grams`.
    func postgresSchema(texts: [String]) -> [String] {
        texts.map { "CREATE INDEX \(table)_\($0)_trgm ON \(table) USING gin (\($0) gin_trgm_ops)" } + [
            "CREATE INDEX \(table)_grams_gin ON \(table) USING gin (string_to_array(search_grams, ' '))"
        ]
    }

    /// Gives every existing row the grams of its columns `texts` (joined by line breaks), a page at
    /// a time in id order, in one multi-row `UPDATE … FROM (VALUES …)` per page (both engines name
    /// the columns `column1`, `column2`). Rows without grams keep the default ''.
    func backfillGrams(of texts: [String], on sql: any SQLDatabase, pageSize: Int) async throws {
        var after: UUID?
        while true {
            var page = sql.select().column("id").columns(texts).from(table)
            if let after { page = page.where("id", .greaterThan, after) }
            let rows = try await page.orderBy("id").limit(pageSize).all()
            let values: [any SQLExpression] = try rows.compactMap { row in
                let text = try texts.map { try row.decode(column: $0, as: String.self) }.joined(separator: "\n")
                let grams = SearchGrams.grams(of: text)
                return grams.isEmpty
                    ? nil : SQLGroupExpression([SQLBind(try row.decode(column: "id", as: UUID.self)), SQLBind(grams)])
            }
            if !values.isEmpty {
                try await sql.raw(
                    """
                    UPDATE \(ident: table) SET search_grams = v.column2 FROM (VALUES \(SQLList(values))) AS v \
                    WHERE \(ident: table).id = v.column1
                    """
                ).run()
            }
            guard rows.count == pageSize, let last = rows.last else { return }
            after = try last.decode(column: "id", as: UUID.self)
        }
    }
}
