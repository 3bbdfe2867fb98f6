public import Foundation
public import KefuCore
import SQLKit

/// The events that start follow-up plans. The write that causes one calls `record` in its own transaction, which
/// schedules one job per event (key `followups:<kind>:<trigger_key>`, so recording it twice is a no-op); the job
/// (`schedule`) makes the tasks of the active plans that existed when the event was stored.
public enum FollowUpTriggers {
    /// The job kind that turns one event into tasks.
    public static let jobKind = "followups.trigger"
    /// The job kind that turns several events recorded together into tasks (`Batch`).
    public static let batchKind = "followups.trigger.batch"
    /// Events per batch job: an import's million purchases are two thousand jobs, each one transaction, rather
    /// than a million (a commit per job bounded the drain at about a hundred purchases a second in debug).
    static let batchSize = 500

    /// Events recorded together, scheduled by one job.
    public struct Batch: Codable, Sendable, Equatable {
        public var events: [FollowUpTriggerEvent]
    }

    /// Schedules `events` on the caller's open transaction: those of a kind some active plan has (the rest could
    /// make no task, so no job is written for them). One event is one job (key `followups:<kind>:<key>`); more
    /// are batches of `batchSize` (key `followups:batch:<kind>:<first key>:<count>`). Recording an event twice
    /// writes nothing new either way: a job's key, then the tasks' unique index, make it once.
    static func record(_ events: [FollowUpTriggerEvent], on tx: any SQLDatabase, now: Date) async throws {
        guard !events.isEmpty else { return }
        struct Kind: Decodable { var trigger_kind: String }
        let live = Set(
            try await tx.select().distinct().column("trigger_kind").from("follow_up_plans")
                .where("active", .equal, true).where("trigger_kind", .in, Array(Set(events.map(\.kind.rawValue))))
                .all(decoding: Kind.self).map(\.trigger_kind))
        let scheduled = events.filter { live.contains($0.kind.rawValue) }
        if scheduled.count == 1, let event = scheduled.first {
            try await JobQueue.enqueue(
                kind: jobKind, key: "followups:\(event.kind.rawValue):\(event.key)", payload: event, runAt: now,
                on: tx, now: now)
            return
        }
        for chunk in scheduled.chunked(into: batchSize) where !chunk.isEmpty {
            let first = chunk[chunk.startIndex]
            try await JobQueue.enqueue(
                kind: batchKind, key: "followups:batch:\(first.kind.rawValue):\(first.key):\(chunk.count)",
                payload: Batch(events: Array(chunk)), runAt: now, on: tx, now: now)
        }
    }

    /// The batch job: each event as `schedule` does it, in the one transaction.
    public static func schedule(_ batch: Batch, _ job: JobTransaction) async throws {
        for event in batch.events { try await schedule(event, job) }
    }

    /// The job: the tasks of every active plan of the event's kind created at or before it was stored and whose
    /// conditions it meets.
    public static func schedule(_ event: FollowUpTriggerEvent, _ job: JobTransaction) async throws {
        let plans = try await FollowUpScheduler.plans(event.kind, createdBy: event.recordedAt, on: job.sql).filter {
            event.kind != .purchase || $0.trigger.matchesPurchase(total: event.total ?? 0, skus: event.skus ?? [])
        }
        let occurrence = FollowUpScheduler.Occurrence(
            customerID: event.customerID, triggerKey: event.key, at: event.at, branchID: event.branchID,
            sourceTicketID: event.ticketID)
        for plan in plans {
            try await FollowUpScheduler.schedule(plan, for: [occurrence], on: job.sql, now: job.now)
        }
    }
}
