import Foundation
import SQLKit

/// Scheduling, on the caller's open transaction, so a job exists exactly when the change that causes it does.
extension JobQueue {
    /// What `reschedule` did.
    enum Rescheduling: Sendable, Equatable {
        /// The key was new: a job was enqueued.
        case enqueued
        /// The pending job now runs at the new time (attempts start over).
        case moved
        /// The job had run (or died) for another time; it is pending again, for the new one.
        case rearmed
        /// It is already pending for this time and payload, or already ran for this time: nothing changed.
        case unchanged
    }

    /// Schedules `kind` with `payload` at `runAt` under `key`; a key that exists, in any state, is a no-op (the
    /// result is false). Both engines: `INSERT … ON CONFLICT (unique_key) DO NOTHING`.
    @discardableResult
    static func enqueue(
        kind: String, key: String, payload: some Encodable, runAt: Date, maxAttempts: Int = defaultMaxAttempts,
        on tx: any SQLDatabase, now: Date
    ) async throws -> Bool {
        let inserted = try await tx.insert(into: "jobs").columns(
            "id", "kind", "unique_key", "payload", "run_at", "attempts", "max_attempts", "status", "created_at",
            "updated_at"
        ).values(
            SQLBind(TimeOrderedID.next(now: now)), SQLBind(kind), SQLBind(key), SQLBind(try StoreJSON.encode(payload)),
            SQLBind(wholeMilliseconds(runAt)), SQLBind(0), SQLBind(maxAttempts), SQLBind(JobStatus.pending.rawValue),
            SQLBind(now), SQLBind(now)
        ).ignoringConflicts(with: "unique_key").returning("id").all()
        return !inserted.isEmpty
    }

    /// Makes `key` fire at `runAt` with `payload` (see the type's rules): enqueues it if new, moves it if
    /// pending, re-arms it if it finished for another time. `kind` and `maxAttempts` are those of the first
    /// enqueue.
    @discardableResult
    static func reschedule(
        kind: String, key: String, payload: some Encodable, runAt: Date, maxAttempts: Int = defaultMaxAttempts,
        on tx: any SQLDatabase, now: Date
    ) async throws -> Rescheduling {
        if try await enqueue(kind: kind, key: key, payload: payload, runAt: runAt, on: tx, now: now) {
            return .enqueued
        }
        guard
            let row = try await tx.select().column("*").from("jobs").where("unique_key", .equal, key).for(.update)
                .first(decoding: JobRow.self)
        else {
            // Cancelled since the insert met it: schedule it afresh.
            return try await reschedule(
                kind: kind, key: key, payload: payload, runAt: runAt, maxAttempts: maxAttempts, on: tx, now: now)
        }
        let text = try StoreJSON.encode(payload)
        let at = wholeMilliseconds(runAt)
        let sameTime = abs(row.run_at.timeIntervalSince(at)) < 0.0005
        let pending = row.status == JobStatus.pending.rawValue
        if sameTime && (!pending || row.payload == text) { return .unchanged }
        try await tx.update("jobs").set("status", to: JobStatus.pending.rawValue).set("run_at", to: at)
            .set("payload", to: text).set("attempts", to: 0).set("last_error", to: SQLLiteral.null)
            .set("locked_until", to: SQLLiteral.null).set("locked_by", to: SQLLiteral.null).set("updated_at", to: now)
            .where("id", .equal, row.id).run()
        return pending ? .moved : .rearmed
    }

    /// Drops `key`'s job if it has not run yet (a timer whose clock was met); true if there was one. A job that
    /// ran stays, so its key keeps its "once".
    @discardableResult
    static func cancel(key: String, on tx: any SQLDatabase) async throws -> Bool {
        try await !tx.delete(from: "jobs").where("unique_key", .equal, key)
            .where("status", .equal, JobStatus.pending.rawValue).returning("id").all().isEmpty
    }

    /// Run times are kept to whole milliseconds, which both engines store exactly, so "the same time" is exact.
    private static func wholeMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
