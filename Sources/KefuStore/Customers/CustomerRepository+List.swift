public import KefuCore
import FluentKit
import SQLKit

extension CustomerRepository {
    /// One page of live (not deleted, not merged) customers matching `query`.
    ///
    /// A substring search cannot use an ordinary index. A term an index can answer (see
    /// `candidateSource`) and that has fewer than `candidateLimit` candidates is answered from them:
    /// few rows to fetch and sort. Any other term first looks only at the next `searchWindow` rows in
    /// the requested order: a common substring fills the page from those, and that page is exactly
    /// the one a full scan would give. Only when it does not fill does the search look further,
    /// through the index where one applies, else by scanning everything.
    public func list(_ query: CustomerQuery) async throws -> KefuCore.Page<Customer> {
        try await list(query, plan: try await filterPlan(query))
    }

    /// One page and the number of matches (see `count`), with the filters planned once for both.
    public func listAndCount(_ query: CustomerQuery, countUpTo cap: Int) async throws
        -> (page: KefuCore.Page<Customer>, count: Int)
    {
        let plan = try await filterPlan(query)
        return (try await list(query, plan: plan), try await count(query, upTo: cap, plan: plan))
    }

    private func list(_ query: CustomerQuery, plan: FilterPlan) async throws -> Page<Customer> {
        let limit = max(1, min(query.limit, CustomerQuery.maxLimit))
        // Builders are reference types that `where` changes: each query starts from a new one.
        let rows = { live(query, columns: CustomerListRow.columns, plan: plan) }
        guard let text = query.searchPattern else { return try await page(rows(), query: query, limit: limit) }
        if let source = candidateSource(query),
            try await candidates(of: query, from: source, upTo: candidateLimit) < candidateLimit
        {
            return try await page(Self.matching(text, indexed(query, rows())), query: query, limit: limit)
        }
        let firstMatches = SQLGroupExpression(firstInWindow(query, limit: limit, plan: plan))
        let windowed = try await page(rows().where(SQLColumn("id"), .in, firstMatches), query: query, limit: limit)
        if windowed.nextCursor != nil { return windowed }
        return try await page(Self.matching(text, indexed(query, rows())), query: query, limit: limit)
    }

    /// Live customers passing the filters of `query` (and its text unless `includeText` is false),
    /// with these columns.
    private func live(_ query: CustomerQuery, columns: [String], plan: FilterPlan, includeText: Bool = false)
        -> SQLSelectBuilder
    {
        Self.applyFilters(query, to: liveRows(columns), plan: plan, includeText: includeText)
    }

    private func liveRows(_ columns: [String]) -> SQLSelectBuilder {
        db.sql.select().columns(columns).from("customers")
            .where("deleted_at", .is, SQLLiteral.null).where("merged_into", .is, SQLLiteral.null)
    }

    /// The ids of the first `limit + 1` matches among the next `searchWindow` rows in the requested
    /// order. The window reads only the id, the sort key and the search text, which on SQLite the
    /// index of migration 005 holds for the default order. When a rare filter drives (`FilterPlan`)
    /// the window is its customers; otherwise it is the next rows whatever the filters, so it does
    /// not reach further as they get rarer, and only a text match's row is read for them.
    private func firstInWindow(_ query: CustomerQuery, limit: Int, plan: FilterPlan) -> any SQLExpression {
        let column = query.sort.column
        let direction: SQLDirection = query.sort.descending ? .descending : .ascending
        let driven = if case .drive = plan { true } else { false }
        let columns = ["id", column, "search_text"]
        var window = driven ? live(query, columns: columns, plan: plan) : liveRows(columns)
        if let cursor = query.cursor {
            window = cursor.apply(to: window, column: column, descending: query.sort.descending)
        }
        window = window.orderBy(column, direction).orderBy("id", direction).limit(searchWindow)
        let recent = "recent"
        var first = db.sql.select().column(SQLColumn("id", table: recent))
            .from(SQLAlias(SQLGroupExpression(window.select), as: SQLIdentifier(recent)))
        if !driven, query.hasFilters {
            first = Self.applyFilters(
                query,
                to: first.join(
                    "customers",
                    on: SQLBinaryExpression(
                        SQLColumn("id", table: "customers"), .equal, SQLColumn("id", table: recent))), plan: plan,
                includeText: false)
        }
        return Self.matching(query.searchPattern ?? "%", first, in: recent)
            .orderBy(SQLColumn(column, table: recent), direction).orderBy(SQLColumn("id", table: recent), direction)
            .limit(limit + 1).select
    }

    /// Below this many index candidates, fetching and sorting them all costs less than scanning the
    /// search window in order (measured at 1,000,000 customers: ~8 µs per candidate, ~0.6 µs per
    /// window row; see docs/PERFORMANCE.md).
    static let defaultCandidateLimit = 2_000

    private func page(_ select: SQLSelectBuilder, query: CustomerQuery, limit: Int) async throws -> Page<Customer> {
        try await select.page(
            CustomerListRow.self, column: query.sort.column, descending: query.sort.descending,
            limit: limit, cursor: query.cursor,
            key: { row in
                let value: PageCursor.Value =
                    switch query.sort {
                    case .name, .nameDescending: .text(row.name_key)
                    case .createdAt, .createdAtDescending: .date(row.created_at)
                    case .updatedAt, .updatedAtDescending: .date(row.updated_at)
                    }
                return PageCursor(value: value, id: row.id)
            }, map: { try $0.customer() })
    }

    /// How many live customers match the filters of `query` (for the list page's counts). With
    /// `upTo`, counting stops there, so a page can say "1,000+" without scanning a large base.
    ///
    /// SQLite reads a term's whole candidate list before it counts the first row, 0.4 s for the
    /// 250,000 of a common term at 1,000,000 customers. So with a cap the first `4 × cap`
    /// candidates are counted first: if they hold `cap` matches, that is the answer, and if there
    /// were no more candidates, their count is exact; only otherwise are all of them counted.
    public func count(_ query: CustomerQuery, upTo cap: Int = .max) async throws -> Int {
        try await count(query, upTo: cap, plan: try await filterPlan(query))
    }

    private func count(_ query: CustomerQuery, upTo cap: Int, plan: FilterPlan) async throws -> Int {
        let matching = { (first: Int?) in
            indexed(query, live(query, columns: ["id"], plan: plan, includeText: true), firstCandidates: first).select
        }
        if cap <= Int.max / 4, let source = candidateSource(query), case .fts = source {
            let bounded = try await count(matching(4 * cap), upTo: cap)
            if bounded >= cap { return bounded }
            if try await candidates(of: query, from: source, upTo: 4 * cap) < 4 * cap { return bounded }
        }
        return try await count(matching(nil), upTo: cap)
    }

    /// Rows whose search text contains the pattern (a LIKE pattern with `\\` as escape).
    static func matching(_ pattern: String, _ select: SQLSelectBuilder, in table: String? = nil) -> SQLSelectBuilder {
        select.where(LikePattern.condition(SQLColumn("search_text", table: table), pattern))
    }

    /// Where an index can propose the candidates for the query's text (see `SearchIndex`).
    func candidateSource(_ query: CustomerQuery) -> SearchIndex.Candidates? {
        SearchIndex.customers.candidates(for: query.searchTerm, engine: db.sql.engine)
    }

    /// Narrows a text search to the candidates an index proposes; the exact `LIKE` still decides.
    /// On SQLite, `firstCandidates` keeps only that many of the index's candidates.
    func indexed(_ query: CustomerQuery, _ select: SQLSelectBuilder, firstCandidates: Int? = nil) -> SQLSelectBuilder {
        SearchIndex.customers.restrict(select, to: candidateSource(query), firstCandidates: firstCandidates)
    }

    /// How many candidates the index proposes, counting no further than `cap` (the rows themselves
    /// are not read on SQLite; deleted and merged customers count too).
    ///
    /// A GIN index reads a term's whole posting list before it yields any row, so on PostgreSQL a
    /// common gram would cost its full count (30 ms for a 5 % term at 1,000,000 customers). There
    /// the planner's estimate, from the statistics ANALYZE keeps of the most common grams, answers
    /// first, and only a term it expects to be rare is counted.
    private func candidates(of query: CustomerQuery, from source: SearchIndex.Candidates, upTo cap: Int) async throws
        -> Int
    {
        if case .gramArray = source {
            let candidates = indexed(query, db.sql.select().column(SQLLiteral.numeric("1")).from("customers"))
            let estimate = try await plannedRows(of: candidates.select)
            if estimate >= cap { return estimate }
        }
        let candidates: any SQLExpression =
            switch source {
            case .fts(let table, let match):
                SearchIndex.ftsRows(in: table, match)
            case .gramArray, .postgresTrigrams:
                indexed(
                    query,
                    Self.matching(
                        query.searchPattern ?? "%",
                        db.sql.select().column(SQLLiteral.numeric("1"))
                            .from("customers"))
                ).select
            }
        return try await count(candidates, upTo: cap)
    }

    /// The rows PostgreSQL's planner expects `select` to return (`EXPLAIN`'s top `rows=`).
    private func plannedRows(of select: any SQLExpression) async throws -> Int {
        struct Line: Decodable {
            var plan: String
            enum CodingKeys: String, CodingKey { case plan = "QUERY PLAN" }
        }
        let top = try await db.sql.raw("EXPLAIN \(select)").first(decoding: Line.self)?.plan ?? ""
        guard let range = top.range(of: " rows=") else {
            throw StoreError.corrupt("EXPLAIN gave no row estimate: \(top)")
        }
        return Int(top[range.upperBound...].prefix(while: \.isNumber)) ?? 0
    }
}
