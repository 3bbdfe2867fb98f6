public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// The `jobs` table (DESIGN.md "Jobs"): background work scheduled inside the transaction of the change that
/// causes it (`enqueue`, `reschedule`, `cancel` in JobQueue+Schedule.swift) and drained by a worker with
/// `claim`, then `run` for each claimed job.
///
/// The rules, in one place:
/// - **Once per key.** A key names one firing (`sla:<ticket-id>:first_response:breach`). `enqueue` of a key
///   that exists, whatever its state, changes nothing; finished rows (done and dead) are kept for that reason.
///   `reschedule` moves a pending job, and re-arms a finished one only for a different `runAt`: a key fires at
///   most once per run time, so a due time that moves after its timer fired fires again at the new time, and
///   recomputing an unchanged one never does.
/// - **Claiming.** `claim` leases up to `limit` due jobs to this worker for `lease` seconds (`locked_until`,
///   `locked_by`). On PostgreSQL it skips rows other workers hold (`FOR UPDATE SKIP LOCKED`), so any number
///   of instances drain one table; on SQLite the claim runs under the database's one write lock
///   (`BEGIN IMMEDIATE`). A lease that runs out (its worker died) makes the job claimable again.
/// - **Exactly once.** `run` first marks the job done, but only while this claim still holds it, then calls
///   the handler, in one transaction: the handler's writes commit with the completion or not at all. A
///   worker whose lease ran out and was claimed again finds the job taken and runs nothing (`.lost`).
/// - **Retry.** A handler error rolls its writes back; the job waits `backoff(afterAttempt:)` (10 s doubling,
///   at most an hour) and is tried again, and goes dead with `last_error` after `maxAttempts` attempts, or at
///   once on a `PermanentJobFailure`. An attempt whose worker died counts as an attempt.
public struct JobQueue: Sendable {
    private let source: DatabaseSource
    private let clock: WallClock
    /// Names this worker in `locked_by` (host and process by default).
    public let instance: String
    /// How long a claim holds its jobs; a batch must be run within it.
    public let lease: TimeInterval

    public static let defaultMaxAttempts = 5

    public init(_ database: KefuDatabase, instance: String = JobQueue.processInstance, lease: TimeInterval = 60) {
        source = DatabaseSource(database)
        clock = database.clock
        self.instance = instance
        self.lease = lease
    }

    /// This process: `host:pid`.
    public static var processInstance: String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// How long a job waits after its `attempt`-th attempt failed: 10 s, 20 s, 40 s, … at most an hour.
    public static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        min(3600, 10 * pow(2, Double(max(0, min(attempt, 20) - 1))))
    }

    /// What became of one claimed job.
    public enum Outcome: Sendable, Equatable {
        case done
        /// The handler failed; the job is tried again at `at`.
        case retrying(at: Date, error: String)
        /// The handler failed for the last time (or permanently).
        case dead(error: String)
        /// The claim no longer held the job (its lease ran out and another worker claimed it, or it was
        /// rescheduled or cancelled meanwhile): nothing ran.
        case lost
    }

    /// Leases up to `limit` due jobs (`run_at` passed, no live lease or backoff) to this worker, earliest first.
    /// A job whose every attempt was abandoned by a dead worker goes dead here instead.
    public func claim(limit: Int) async throws -> [Job] {
        let now = clock.now()
        let holder = "\(instance)/\(UUID().uuidString.prefix(8).lowercased())"
        let claimed = try await source.db.sqlTransaction { tx in
            let skipLocked = tx.engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
            return try await tx.raw(
                """
                UPDATE jobs SET attempts = attempts + 1, locked_by = \(bind: holder), \
                locked_until = \(bind: now.addingTimeInterval(lease)), updated_at = \(bind: now) \
                WHERE id IN (SELECT id FROM jobs WHERE status = 'pending' AND run_at <= \(bind: now) \
                AND (locked_until IS NULL OR locked_until <= \(bind: now)) \
                ORDER BY run_at, id LIMIT \(bind: limit)\(unsafeRaw: skipLocked)) \
                RETURNING *
                """
            ).all(decoding: JobRow.self).map { try $0.job() }
        }
        let abandoned = claimed.filter { $0.attempts > $0.maxAttempts }
        for job in abandoned {
            _ = try await finish(
                job, attempts: job.maxAttempts,
                error: "attempt \(job.maxAttempts) of \(job.maxAttempts) never finished: its lease ran out",
                retry: false)
        }
        return claimed.filter { $0.attempts <= $0.maxAttempts }.sorted { ($0.runAt, $0.key) < ($1.runAt, $1.key) }
    }

    /// Runs one claimed job: marks it done and calls `handler` in one transaction (see the type's rules).
    public func run(_ job: Job, _ handler: @escaping @Sendable (JobTransaction) async throws -> Void)
        async throws -> Outcome
    {
        let now = clock.now()
        do {
            let taken = try await source.db.sqlTransaction { tx in
                let done = try await tx.update("jobs").set("status", to: JobStatus.done.rawValue)
                    .set("locked_until", to: SQLLiteral.null).set("last_error", to: SQLLiteral.null)
                    .set("updated_at", to: now).where("id", .equal, job.id)
                    .where("locked_by", .equal, job.lockedBy).where("status", .equal, JobStatus.pending.rawValue)
                    .returning("id").all()
                guard !done.isEmpty else { return false }
                try await handler(JobTransaction(sql: tx, now: now))
                return true
            }
            return taken ? .done : .lost
        } catch {
            let message = String(String(describing: error).prefix(2000))
            return try await finish(
                job, attempts: job.attempts, error: message,
                retry: !(error is PermanentJobFailure) && job.attempts < job.maxAttempts)
        }
    }

    /// Gives claimed jobs back unrun (a worker stopping before it got to them): claimable at once, the attempt
    /// not counted.
    public func release(_ jobs: [Job]) async throws {
        let now = clock.now()
        for (holder, held) in Dictionary(grouping: jobs, by: \.lockedBy) {
            try await source.db.sql.update("jobs").set("attempts", to: SQLRaw("attempts - 1"))
                .set("locked_by", to: SQLLiteral.null).set("locked_until", to: SQLLiteral.null)
                .set("updated_at", to: now).where("id", .in, held.map(\.id)).where("locked_by", .equal, holder)
                .where("status", .equal, JobStatus.pending.rawValue).run()
        }
    }

    /// A page of the jobs in `status`, the most recently changed first (dead jobs: the latest failures).
    public func list(status: JobStatus, limit: Int = 50, cursor: PageCursor? = nil) async throws -> KefuCore.Page<Job> {
        try await source.db.sql.select().column("*").from("jobs").where("status", .equal, status.rawValue).page(
            JobRow.self, column: "updated_at", descending: true, limit: limit, cursor: cursor,
            key: { PageCursor(value: .date($0.updated_at), id: $0.id) }
        ) { try $0.job() }
    }

    /// Records a failed attempt, while this claim still holds the job: pending again after the backoff, or dead.
    private func finish(_ job: Job, attempts: Int, error: String, retry: Bool) async throws -> Outcome {
        let now = clock.now()
        let retryAt = now.addingTimeInterval(Self.backoff(afterAttempt: attempts))
        let status: JobStatus = retry ? .pending : .dead
        let updated = try await source.db.sql.update("jobs").set("status", to: status.rawValue)
            .set("attempts", to: attempts).set("locked_until", to: retry ? retryAt : nil)
            .set("locked_by", to: SQLLiteral.null).set("last_error", to: error).set("updated_at", to: now)
            .where("id", .equal, job.id).where("locked_by", .equal, job.lockedBy)
            .where("status", .equal, JobStatus.pending.rawValue).returning("id").all()
        guard !updated.isEmpty else { return .lost }
        return retry ? .retrying(at: retryAt, error: error) : .dead(error: error)
    }
}
