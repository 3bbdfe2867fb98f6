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
/// - **Exactly once.** `run(_:_:)` first marks the job done, but only while this claim still holds it, then
///   calls the handler, in one transaction: the handler's writes commit with the completion or not at all. A
///   worker whose lease ran out and was claimed again finds the job taken and runs nothing (`.lost`).
/// - **At least once, for an effect outside the database.** `runEffect(_:_:)` is for a job whose work the
///   database cannot roll back (a mail sent over SMTP), which must not hold a transaction open while it talks
///   to another server. In three steps: (1) a short transaction checks that this claim still holds the job,
///   renews its lease (the effect gets a whole lease of its own) and lets the handler prepare the `JobEffect`
///   (or finish there, when there is nothing to do outside); (2) the effect, with no transaction open; (3) a
///   second short transaction marks the job done, again only while this claim holds it, with the effect's
///   result recorded by the handler. A claim lost before step 1 performs nothing. A crash, a lease lost during
///   the effect or a failed commit between steps 2 and 3 performs the effect again on the next attempt (the
///   same mail, with the same `Message-ID`): the effect must be safe to repeat.
/// - **Retry.** A handler error rolls its writes back; the job waits `backoff(afterAttempt:)` (10 s doubling,
///   at most an hour) and is tried again, and goes dead with `last_error` after `maxAttempts` attempts, or at
///   once on a `PermanentJobFailure`. An attempt whose worker died counts as an attempt. An effect that throws
///   is a failed attempt too.
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
        do {
            return try await complete(job, now: clock.now(), with: handler) ? .done : .lost
        } catch {
            return try await failed(job, error)
        }
    }

    /// Runs one claimed job whose work lies outside the database: `prepare` in a first transaction (nil when there
    /// is nothing to do outside: the job is done with what `prepare` wrote; otherwise what it wrote commits before
    /// the effect, whatever becomes of it), the `JobEffect` it returns with no transaction open, then the effect's
    /// record with the job's completion (see the type's rules: at least once).
    public func runEffect(_ job: Job, _ prepare: @escaping @Sendable (JobTransaction) async throws -> JobEffect?)
        async throws -> Outcome
    {
        let now = clock.now()
        do {
            let prepared = try await source.db.sqlTransaction { tx -> Preparation in
                guard try await renewLease(job, on: tx, now: now) else { return .finished(.lost) }
                guard let effect = try await prepare(JobTransaction(sql: tx, now: now)) else {
                    _ = try await markDone(job, on: tx, now: now)
                    return .finished(.done)
                }
                return .effect(effect)
            }
            switch prepared {
            case .finished(let outcome):
                return outcome
            case .effect(let effect):
                let record = try await effect.perform()
                return try await complete(job, now: clock.now(), with: record) ? .done : .lost
            }
        } catch {
            return try await failed(job, error)
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

    /// What the first transaction of `runEffect(_:_:)` left to do.
    private enum Preparation: Sendable {
        /// The claim no longer held the job (`.lost`), or there was nothing to do outside (`.done`).
        case finished(Outcome)
        case effect(JobEffect)
    }

    /// Marks the job done and runs `body` in one transaction, while this claim still holds the job; false (and
    /// nothing run) when it does not.
    private func complete(
        _ job: Job, now: Date, with body: @escaping @Sendable (JobTransaction) async throws -> Void
    ) async throws -> Bool {
        try await source.db.sqlTransaction { tx in
            guard try await markDone(job, on: tx, now: now) else { return false }
            try await body(JobTransaction(sql: tx, now: now))
            return true
        }
    }

    /// Marks the job done, on `tx`, if this claim still holds it; false when it does not.
    private func markDone(_ job: Job, on tx: any SQLDatabase, now: Date) async throws -> Bool {
        try await !tx.update("jobs").set("status", to: JobStatus.done.rawValue)
            .set("locked_until", to: SQLLiteral.null).set("last_error", to: SQLLiteral.null)
            .set("updated_at", to: now).where("id", .equal, job.id)
            .where("locked_by", .equal, job.lockedBy).where("status", .equal, JobStatus.pending.rawValue)
            .returning("id").all().isEmpty
    }

    /// Extends this claim's hold on the job by a whole lease from `now`, on `tx`; false when it no longer holds it.
    private func renewLease(_ job: Job, on tx: any SQLDatabase, now: Date) async throws -> Bool {
        try await !tx.update("jobs").set("locked_until", to: now.addingTimeInterval(lease)).set("updated_at", to: now)
            .where("id", .equal, job.id).where("locked_by", .equal, job.lockedBy)
            .where("status", .equal, JobStatus.pending.rawValue).returning("id").all().isEmpty
    }

    /// Records `error` as the failure of this attempt: retried, unless it is permanent or the last.
    private func failed(_ job: Job, _ error: any Error) async throws -> Outcome {
        let message = String(String(describing: error).prefix(2000))
        return try await finish(
            job, attempts: job.attempts, error: message,
            retry: !(error is PermanentJobFailure) && job.attempts < job.maxAttempts)
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
