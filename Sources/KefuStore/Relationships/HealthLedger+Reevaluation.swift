public import Foundation
public import KefuCore
import SQLKit

/// One batch of a re-evaluation: the customers with a stored balance after `after`, in id order; `all` asks for
/// every one of them (the health settings changed), otherwise only those whose mark time alone can change.
public struct HealthReevaluationBatch: Codable, Sendable {
    public var run: String
    public var after: UUID?
    public var all: Bool
}

/// Time alone moves a balance: with no new event it decays towards 0, B(t) = B(t₀) · 0.5^((t − t₀)/H), keeping
/// its sign, and an event dated in the future starts to count when its time comes. So the daily job
/// (`dailyKind`) re-evaluates only the customers who can cross that way, `batchSize` per job:
/// - with a threshold T > 0, every customer not marked (a positive balance decays below T), and marked ones
///   whose stored balance is ≥ T;
/// - with T < 0, every marked customer (a negative balance rises above T), and unmarked ones below T;
/// - with T = 0 (the default) decay never crosses: only marks that disagree with the stored balance;
/// - in every case, customers with an event that has come due since they were last evaluated.
/// A change of the health settings re-evaluates everyone (`scheduleFullReevaluation`).
extension HealthLedger {
    public static let dailyKind = "health.reevaluate.daily"
    public static let batchKind = "health.reevaluate"
    static let batchSize = 500

    /// The daily job for `day`: its first batch.
    public static func reevaluate(day: CalendarDay, _ job: JobTransaction) async throws {
        try await reevaluate(HealthReevaluationBatch(run: day.description, after: nil, all: false), job)
    }

    /// One batch; the next one is its own job.
    public static func reevaluate(_ batch: HealthReevaluationBatch, _ job: JobTransaction) async throws {
        let sql = job.sql
        let rules = try await SettingsRepository.read(on: sql).health
        struct Row: Decodable { var customer_id: UUID }
        var query = sql.select().column("customer_id").from("customer_health")
        if let after = batch.after { query = query.where("customer_id", .greaterThan, after) }
        if !batch.all { query = query.where(candidates(threshold: rules.atRiskThreshold, now: job.now)) }
        let rows = try await query.orderBy("customer_id").limit(batchSize).all(decoding: Row.self)
        try await evaluate(Set(rows.map(\.customer_id)), rules: rules, on: sql, now: job.now)
        if rows.count == batchSize, let last = rows.last {
            try await schedule(
                HealthReevaluationBatch(run: batch.run, after: last.customer_id, all: batch.all), on: sql, now: job.now)
        }
    }

    /// Starts re-evaluating every customer, on the transaction that changed the health settings.
    static func scheduleFullReevaluation(on tx: any SQLDatabase, now: Date) async throws {
        try await schedule(HealthReevaluationBatch(run: UUID().uuidString, after: nil, all: true), on: tx, now: now)
    }

    private static func schedule(_ batch: HealthReevaluationBatch, on tx: any SQLDatabase, now: Date) async throws {
        let key = "health:reevaluate:\(batch.run):\(batch.after?.uuidString ?? "start")"
        try await JobQueue.enqueue(kind: batchKind, key: key, payload: batch, runAt: now, on: tx, now: now)
    }

    /// The rows whose mark can differ from their balance at `now` (see the type's comment).
    private static func candidates(threshold: Double, now: Date) -> any SQLExpression {
        let unmarked: SQLQueryString = "at_risk = \(bind: false)"
        let marked: SQLQueryString = "at_risk = \(bind: true)"
        let below: SQLQueryString = "balance < \(bind: threshold)"
        let notBelow: SQLQueryString = "balance >= \(bind: threshold)"
        let unmarkedCanCross: SQLQueryString = threshold > 0 ? unmarked : "(\(unmarked) AND \(below))"
        let markedCanCross: SQLQueryString = threshold < 0 ? marked : "(\(marked) AND \(notBelow))"
        let eventCameDue: SQLQueryString = """
            EXISTS (SELECT 1 FROM health_events e WHERE e.customer_id = customer_health.customer_id \
            AND e.at > customer_health.evaluated_at AND e.at <= \(bind: now))
            """
        let condition: SQLQueryString = "(\(unmarkedCanCross) OR \(markedCanCross) OR \(eventCameDue))"
        return condition
    }
}
