public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// The events of each customer's relationship health (issue 12 §3) and what follows from them. The write that
/// causes an event records it on its own transaction (`record`), named by a unique `source`, so a retry records
/// nothing twice; the customers it touched are then evaluated with the business's `HealthSettings`
/// (`RelationshipHealth` over their events at the write's time), and one who crosses below the at-risk
/// threshold is marked at risk once, with a `customer.at_risk` timeline event, until the balance is back at or
/// above the threshold (`customer.at_risk_cleared`). Readers compute the balance afresh (`health(of:)`).
public struct HealthLedger: Sendable {
    /// One event to record: what kind, for whom, when it happened, and what caused it. `source` is unique over
    /// the ledger (`purchase:<id>`, `ticket:<id>:complaint`, `breach:<id>`, …): the same source again is
    /// ignored.
    public struct Entry: Sendable, Hashable {
        public var customerID: UUID
        public var kind: HealthEventKind
        public var at: Date
        public var source: String

        public init(customerID: UUID, kind: HealthEventKind, at: Date, source: String) {
            self.customerID = customerID
            self.kind = kind
            self.at = at
            self.source = source
        }
    }

    /// Timeline kinds of crossing the threshold.
    public static let atRiskEvent = "customer.at_risk"
    public static let atRiskClearedEvent = "customer.at_risk_cleared"
    /// The most movements `health(of:limit:)` lists.
    public static let maximumMovements = 1_000

    private let source: DatabaseSource
    private let clock: WallClock
    private let settings: SettingsRepository

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        clock = database.clock
        settings = SettingsRepository(database)
    }

    /// Customer `id`'s balance now, with at most `limit` of its movements (newest first); `.notFound` (or
    /// `.merged`) as reading the customer is.
    public func health(of id: UUID, limit: Int = maximumMovements) async throws -> HealthBalance {
        let sql = source.db.sql
        _ = try await CustomerRepository.load(id, on: sql)
        let rules = try await settings.get().health
        let now = clock.now()
        let events = try await Self.events(of: [id], on: sql, now: now)[id] ?? []
        return rules.calculator.balance(of: events, now: now).newest(limit)
    }

    /// Records `entries` on the caller's transaction (a source stored before is skipped) and evaluates the
    /// customers that got a new event, at `now` (the causing write's time); an event about a customer merged
    /// since lands on the survivor. Follow-up outcomes, imports and surveys call this with their own batch.
    static func record(_ entries: [Entry], on tx: any SQLDatabase, now: Date) async throws {
        guard !entries.isEmpty else { return }
        struct Inserted: Decodable { var customer_id: UUID }
        struct Merged: Decodable {
            var id: UUID
            var merged_into: UUID
        }
        var touched = Set<UUID>()
        for chunk in entries.chunked(into: chunkSize) {
            let survivors = Dictionary(
                try await tx.select().columns("id", "merged_into").from("customers")
                    .where("id", .in, Array(Set(chunk.map(\.customerID)))).where("merged_into", .isNot, SQLLiteral.null)
                    .all(decoding: Merged.self).map { ($0.id, $0.merged_into) }, uniquingKeysWith: { $1 })
            var insert = tx.insert(into: "health_events").columns(
                "id", "customer_id", "kind", "at", "source", "created_at")
            for entry in chunk {
                insert = insert.values(
                    SQLBind(TimeOrderedID.next(now: now)), SQLBind(survivors[entry.customerID] ?? entry.customerID),
                    SQLBind(entry.kind.rawValue),
                    SQLBind(entry.at), SQLBind(entry.source), SQLBind(now))
            }
            let rows = try await insert.ignoringConflicts(with: "source").returning("customer_id").all(
                decoding: Inserted.self)
            touched.formUnion(rows.map(\.customer_id))
        }
        try await evaluate(touched, on: tx, now: now)
    }

    /// Evaluates `customers` at `now` with the stored settings, on the caller's transaction.
    static func evaluate(_ customers: Set<UUID>, on tx: any SQLDatabase, now: Date) async throws {
        guard !customers.isEmpty else { return }
        try await evaluate(customers, rules: try await SettingsRepository.read(on: tx).health, on: tx, now: now)
    }

    /// Each customer's balance at `now`, stored with the at-risk mark; a customer whose mark changes gets its
    /// timeline event (and, becoming at risk, the follow-ups of `customerBecameAtRisk`).
    static func evaluate(_ customers: Set<UUID>, rules: HealthSettings, on tx: any SQLDatabase, now: Date) async throws
    {
        let calculator = rules.calculator
        for slice in customers.sorted(by: { $0.uuidString < $1.uuidString }).chunked(into: chunkSize) {
            let chunk = Array(slice)
            // Two writes about one customer take turns, so each crossing is seen by exactly one of them.
            try await TransactionLock.take(chunk.map { "health:" + $0.uuidString }, on: tx)
            let events = try await events(of: chunk, on: tx, now: now)
            struct Marked: Decodable {
                var customer_id: UUID
                var at_risk: Bool
            }
            let marked = try await tx.select().columns("customer_id", "at_risk").from("customer_health")
                .where("customer_id", .in, chunk).all(decoding: Marked.self)
            let wasAtRisk = Dictionary(marked.map { ($0.customer_id, $0.at_risk) }, uniquingKeysWith: { $1 })
            var upsert = tx.insert(into: "customer_health").columns("customer_id", "balance", "at_risk", "evaluated_at")
            for id in chunk {
                let health = calculator.balance(of: events[id] ?? [], now: now)
                upsert = upsert.values(SQLBind(id), SQLBind(health.balance), SQLBind(health.atRisk), SQLBind(now))
                let before = wasAtRisk[id] ?? false
                if health.atRisk, !before {
                    try await customerBecameAtRisk(id, balance: health.balance, rules: rules, on: tx, now: now)
                } else if !health.atRisk, before {
                    try await mark(
                        id, HealthLedger.atRiskClearedEvent, balance: health.balance, rules: rules, on: tx, now: now)
                }
            }
            try await upsert.onConflict(with: ["customer_id"]) {
                $0.set(excludedValueOf: "balance").set(excludedValueOf: "at_risk").set(excludedValueOf: "evaluated_at")
            }.run()
        }
    }

    /// A customer just crossed below the at-risk threshold: the timeline says so, and the follow-up plans with an
    /// `at_risk` trigger start (issue 12 §2).
    static func customerBecameAtRisk(
        _ id: UUID, balance: Double, rules: HealthSettings, on tx: any SQLDatabase, now: Date
    ) async throws {
        try await mark(id, atRiskEvent, balance: balance, rules: rules, on: tx, now: now)
        try await FollowUpTriggers.record([.atRisk(id, at: now)], on: tx, now: now)
    }

    private static func mark(
        _ id: UUID, _ kind: String, balance: Double, rules: HealthSettings, on tx: any SQLDatabase, now: Date
    ) async throws {
        try await Timeline.append(
            on: tx, customerID: id, kind: kind, summary: String(format: "%.2f", balance),
            data: ["balance": String(balance), "threshold": String(rules.atRiskThreshold)],
            attribution: .system("health", now: now))
    }

    /// The counted events (at or before `now`) of `customers`, oldest first, by customer.
    static func events(of customers: [UUID], on sql: any SQLDatabase, now: Date) async throws -> [UUID: [HealthEvent]] {
        struct Row: Decodable {
            var customer_id: UUID
            var kind: String
            var at: Date
        }
        let rows = try await sql.select().columns("customer_id", "kind", "at").from("health_events")
            .where("customer_id", .in, customers).where("at", .lessThanOrEqual, now).orderBy("at").orderBy("id")
            .all(decoding: Row.self)
        var events: [UUID: [HealthEvent]] = [:]
        for row in rows {
            guard let kind = HealthEventKind(rawValue: row.kind) else {
                throw StoreError.corrupt("a health event of customer \(row.customer_id) has the kind \(row.kind)")
            }
            events[row.customer_id, default: []].append(HealthEvent(kind: kind, at: row.at))
        }
        return events
    }

    /// Rows per statement: well inside both engines' limits on bound parameters.
    static let chunkSize = 500
}
