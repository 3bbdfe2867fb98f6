import KefuCore
import FluentKit
import SQLKit

extension CustomerRepository {
    /// How a list's equality filters (tier, branch, tag) are written for the engine's planner.
    ///
    /// SQLite's planner, given `tier = ?` and an order, always reads every customer of that tier
    /// through the tier index and sorts them: 1.3 s for the 700,000 "standard" customers of a
    /// 1,000,000-customer database, where walking the newest-first index until the page is full
    /// reads 100 rows. Statistics do not change its mind (it keeps only averages per index).
    /// So on SQLite each filter is counted through its own index, up to `candidateLimit`: a filter
    /// with fewer matches drives the query (few rows to read and sort); otherwise none does and
    /// the order's index is walked, with the filters written so that no index can serve them.
    /// PostgreSQL keeps per-value statistics and chooses well by itself.
    enum FilterPlan: Equatable {
        /// PostgreSQL: every filter in its plain form.
        case planner
        /// Walk the requested order; no filter may use an index.
        case walk
        /// This filter's index drives; the others may not use theirs.
        case drive(Driver)

        enum Driver: Equatable { case tier, branch, tag }
    }

    func filterPlan(_ query: CustomerQuery) async throws -> FilterPlan {
        guard db.sql.engine == .sqlite else { return .planner }
        var counts: [(FilterPlan.Driver, any SQLExpression)] = []
        if let tier = query.tier {
            counts.append((.tier, SQLQueryString("SELECT 1 FROM customers WHERE tier = \(bind: tier)")))
        }
        if let branchID = query.branchID {
            counts.append((.branch, SQLQueryString("SELECT 1 FROM customers WHERE branch_id = \(bind: branchID)")))
        }
        if let tag = query.tag?.lowercased() {
            counts.append((.tag, SQLQueryString("SELECT 1 FROM customer_tags WHERE tag_key = \(bind: tag)")))
        }
        var best: (driver: FilterPlan.Driver, count: Int)?
        for (driver, rows) in counts {
            let count = try await self.count(rows, upTo: candidateLimit)
            if count < candidateLimit, count < best?.count ?? .max { best = (driver, count) }
        }
        return best.map { .drive($0.driver) } ?? .walk
    }

    /// How many rows `select` gives, counting no further than `cap`.
    func count(_ select: any SQLExpression, upTo cap: Int) async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await db.sql.raw("SELECT COUNT(*) AS n FROM (\(select) LIMIT \(literal: cap)) AS capped")
            .first(decoding: Count.self)?.n ?? 0
    }

    static func applyFilters(
        _ query: CustomerQuery, to select: SQLSelectBuilder, plan: FilterPlan,
        includeText: Bool
    ) -> SQLSelectBuilder {
        var select = select
        func indexable(_ driver: FilterPlan.Driver) -> Bool { plan == .planner || plan == .drive(driver) }
        // `+column` is the same value, but SQLite will not look it up in an index.
        func equal(_ column: String, _ value: some Encodable & Sendable, _ driver: FilterPlan.Driver) -> SQLQueryString
        {
            SQLQueryString("\(unsafeRaw: indexable(driver) ? "" : "+")\(ident: column) = \(bind: value)")
        }
        if includeText, let pattern = query.searchPattern { select = matching(pattern, select) }
        if let tier = query.tier {
            select = select.where(equal("tier", tier, .tier))
        }
        if let stage = query.stage { select = select.where("stage", .equal, stage.rawValue) }
        if let kind = query.kind { select = select.where("kind", .equal, kind.rawValue) }
        if let branchID = query.branchID {
            select = select.where(equal("branch_id", branchID, .branch))
        }
        if let isInternal = query.isInternal { select = select.where("internal", .equal, isInternal) }
        if let tag = query.tag?.lowercased() {
            select = select.where(
                indexable(.tag)
                    ? SQLQueryString(
                        "customers.id IN (SELECT customer_id FROM customer_tags WHERE tag_key = \(bind: tag))")
                    : SQLQueryString(
                        """
                        EXISTS (SELECT 1 FROM customer_tags \
                        WHERE customer_id = customers.id AND tag_key = \(bind: tag))
                        """))
        }
        return select
    }
}

extension CustomerQuery {
    /// True when any filter other than the text is set.
    var hasFilters: Bool {
        tier != nil || stage != nil || kind != nil || branchID != nil || isInternal != nil || tag != nil
    }
}
