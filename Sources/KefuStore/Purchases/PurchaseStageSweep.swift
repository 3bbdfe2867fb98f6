public import KefuCore
import Foundation
import SQLKit

/// `purchases.stage_sweep`, a daily job (`DailyJobs`): a purchase moves a customer's stage when it is
/// recorded, but going quiet moves it too — `at_risk` once the last purchase is `at_risk_days` old, `lost` at
/// `lost_days` — and nothing is recorded then. Each day the sweep walks the customers whose last purchase is
/// at least `at_risk_days` old, in customer id order, `CustomerStages.batchSize` a round, and writes the stage
/// the rule gives where it differs (`CustomerStages`: the same stage, timeline event and audit row a recorded
/// purchase writes). Customers without purchases are left alone.
public enum PurchaseStageSweep {
    public static let kind = "purchases.stage_sweep"

    /// The sweep at the job's `now`, in the job's transaction; `day` is only the run's name.
    public static func run(_ day: CalendarDay, _ job: JobTransaction) async throws {
        _ = try await sweep(on: job.sql, now: job.now)
    }

    /// Returns how many customers changed stage; `batchSize` customers are looked at per round.
    static func sweep(on sql: any SQLDatabase, now: Date, batchSize: Int = CustomerStages.batchSize) async throws
        -> Int
    {
        struct Quiet: Decodable { var customer_id: UUID }
        let rules = try await SettingsRepository.read(on: sql).purchases
        let attribution = Attribution.system(kind, now: now)
        let cutoff = now.addingTimeInterval(-TimeInterval(rules.atRiskDays) * 86_400)
        var after: UUID?
        var changed = 0
        while true {
            var query = sql.select().column("customer_id").from("purchases").where("refund_of", .is, SQLLiteral.null)
            if let after { query = query.where("customer_id", .greaterThan, after) }
            let quiet = try await query.groupBy("customer_id")
                .having(SQLFunction("MAX", args: SQLIdentifier("purchased_at")), .lessThanOrEqual, SQLBind(cutoff))
                .orderBy("customer_id").limit(batchSize).all(decoding: Quiet.self).map(\.customer_id)
            changed += try await CustomerStages.recompute(quiet, rules: rules, on: sql, by: attribution)
            guard quiet.count == batchSize, let last = quiet.last else { return changed }
            after = last
        }
    }
}
