public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Cross-sell suggestions (issue 15 §4): the association rules of the last year's purchases, mined by
/// `AssociationRules` and kept in `cross_sell_rules`, a cache replaced whole by each computation — daily by the
/// job `loyalty.cross_sell`, or when a manager asks. A purchase is a basket of its distinct skus; refunds are not
/// baskets. The rules are read back as stored, so a customer page costs two small queries, not a mining run.
public struct CrossSell: Sendable {
    public static let kind = "loyalty.cross_sell"
    /// The local days of purchases a computation reads, today included.
    public static let periodDays = 365
    /// Purchases read per query while counting.
    static let batchSize = 2_000

    private let source: DatabaseSource

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
    }

    /// Rules, best first, with the skus' names as last sold and when they were computed (nil: never yet).
    public struct Rules: Sendable, Equatable {
        public var rules: [AssociationRule]
        public var names: [String: String]
        public var computedAt: Date?
    }

    /// The purchases a computation at `now` reads: the `periodDays` local days ending on `now`'s day.
    public static func period(endingAt now: Date, in zone: TimeZone) -> ReportFilter {
        let today = CalendarDay(now, in: zone)
        return ReportFilter(from: today.adding(days: 1 - periodDays), to: today)
    }

    /// Mines the rules now and replaces the stored ones, in one transaction of its own rather than a group-commit
    /// batch: it reads a year of purchases, and other writers should not share its commit.
    public func recompute(now: Date) async throws -> Rules {
        try await source.db.sqlTransaction { tx in try await Self.recompute(on: tx, now: now) }
    }

    /// The daily job, in the job's transaction.
    public static func run(_ day: CalendarDay, _ job: JobTransaction) async throws {
        _ = try await recompute(on: job.sql, now: job.now)
    }

    static func recompute(on sql: any SQLDatabase, now: Date) async throws -> Rules {
        // Two computations at once would both insert every rule; the second waits for the first.
        try await TransactionLock.take([kind], on: sql)
        let zone = try await SettingsRepository.read(on: sql).zone
        let interval = period(endingAt: now, in: zone).interval(in: zone)
        var counts = CoPurchaseCounts()
        var names: [String: (at: Date, name: String)] = [:]
        var after: UUID?
        while true {
            struct Row: Decodable {
                var id: UUID
                var purchased_at: Date
                var items: String
            }
            var query = sql.select().columns("id", "purchased_at", "items").from("purchases")
                .where("refund_of", .is, SQLLiteral.null)
                .where("purchased_at", .greaterThanOrEqual, SQLBind(interval.lowerBound))
                .where("purchased_at", .lessThan, SQLBind(interval.upperBound))
            if let after { query = query.where("id", .greaterThan, after) }
            let batch = try await query.orderBy("id").limit(batchSize).all(decoding: Row.self)
            for row in batch {
                let items = try StoreJSON.decode([PurchaseItem].self, from: row.items)
                counts.add(items.map(\.sku))
                for item in items where names[item.sku].map({ $0.at <= row.purchased_at }) ?? true {
                    names[item.sku] = (row.purchased_at, item.name)
                }
            }
            guard batch.count == batchSize, let last = batch.last else { break }
            after = last.id
        }
        let rules = counts.rules()
        let named = names.mapValues(\.name)
        try await sql.delete(from: "cross_sell_rules").run()
        var insert = BulkInsert(
            into: "cross_sell_rules", columns: CrossSellRow.columns, constants: [("computed_at", now)])
        for rule in rules { CrossSellRow.append(rule, names: named, to: &insert) }
        try await insert.flush(on: sql)
        let kept = Set(rules.flatMap { [$0.antecedent, $0.consequent] })
        return Rules(rules: rules, names: named.filter { kept.contains($0.key) }, computedAt: now)
    }

    /// The stored rules, best first, at most `limit`.
    public func rules(limit: Int? = nil) async throws -> Rules {
        let stored = try await Self.stored(source.db.sql.select().column("*").from("cross_sell_rules"))
        guard let limit else { return stored }
        return Rules(rules: Array(stored.rules.prefix(limit)), names: stored.names, computedAt: stored.computedAt)
    }

    /// What to suggest to the customer (`AssociationRules.suggestions`) from the stored rules and every sku they
    /// ever bought; an unknown customer is not found.
    public func suggestions(forCustomer id: UUID, limit: Int = 3) async throws -> Rules {
        let sql = source.db.sql
        _ = try await CustomerRepository.load(id, on: sql)
        struct Items: Decodable { var items: String }
        var bought = Set<String>()
        for row in try await sql.select().column("items").from("purchases").where("customer_id", .equal, id)
            .where("refund_of", .is, SQLLiteral.null).all(decoding: Items.self)
        {
            for item in try StoreJSON.decode([PurchaseItem].self, from: row.items) { bought.insert(item.sku) }
        }
        guard !bought.isEmpty else { return Rules(rules: [], names: [:], computedAt: nil) }
        let stored = try await Self.stored(
            sql.select().column("*").from("cross_sell_rules").where("antecedent", .in, Array(bought)))
        return Rules(
            rules: AssociationRules.suggestions(for: bought, rules: stored.rules, limit: limit), names: stored.names,
            computedAt: stored.computedAt)
    }

    private static func stored(_ query: SQLSelectBuilder) async throws -> Rules {
        let rows = try await query.all(decoding: CrossSellRow.self)
        var names: [String: String] = [:]
        for row in rows {
            names[row.antecedent] = row.antecedent_name
            names[row.consequent] = row.consequent_name
        }
        return Rules(
            rules: rows.map(\.rule).sorted { $0.ranks(before: $1) }, names: names,
            computedAt: rows.map(\.computed_at).max())
    }
}
