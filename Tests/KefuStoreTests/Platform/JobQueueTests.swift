import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// The `jobs` table on both databases: scheduling in the caller's transaction, once per key, leases, retries,
/// dead letters, and exactly-once runs with several workers or a worker that dies.
@Suite("JobQueue")
struct JobQueueTests {
    struct Payload: Codable, Equatable { var n: Int }
    struct Rollback: Error {}
    struct Broken: Error, CustomStringConvertible { var description: String { "printer on fire" } }

    /// A table the tests' handlers write their effects to, in the job's transaction.
    static func makeEffects(_ database: KefuDatabase) async throws {
        try await database.execute("CREATE TABLE job_effects (job_key TEXT NOT NULL)")
    }

    static func effects(_ database: KefuDatabase) async throws -> [String] {
        struct Row: Decodable { var job_key: String }
        return try await database.db.sql.select().column("job_key").from("job_effects").all(decoding: Row.self)
            .map(\.job_key)
    }

    /// A handler that records `job`'s key as its effect.
    static func record(_ job: Job) -> @Sendable (JobTransaction) async throws -> Void {
        { tx in try await tx.sql.insert(into: "job_effects").columns("job_key").values(SQLBind(job.key)).run() }
    }

    static func enqueue(
        _ database: KefuDatabase, _ key: String, runAt: Date, n: Int = 1,
        maxAttempts: Int = JobQueue.defaultMaxAttempts
    ) async throws -> Bool {
        try await database.db.sqlTransaction { tx in
            try await JobQueue.enqueue(
                kind: "test.effect", key: key, payload: Payload(n: n), runAt: runAt, maxAttempts: maxAttempts,
                on: tx, now: database.clock.now())
        }
    }

    static func job(_ database: KefuDatabase, _ key: String) async throws -> Job? {
        try await database.db.sql.select().column("*").from("jobs").where("unique_key", .equal, key)
            .first(decoding: JobRow.self)?.job()
    }

    @Test(arguments: Engine.available)
    func anEnqueueInARolledBackTransactionLeavesNothing(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            do {
                try await database.db.sqlTransaction { tx in
                    try await JobQueue.enqueue(
                        kind: "test.effect", key: "k", payload: Payload(n: 1), runAt: database.clock.now(), on: tx,
                        now: database.clock.now())
                    throw Rollback()
                }
            } catch is Rollback {}
            #expect(try await Self.job(database, "k") == nil)
            #expect(try await JobQueue(database).claim(limit: 10).isEmpty)
        }
    }

    @Test(arguments: Engine.available)
    func aDuplicateKeyIsANoOpBeforeAndAfterTheJobRan(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            try await Self.makeEffects(database)
            #expect(try await Self.enqueue(database, "once", runAt: clock.now, n: 1))
            #expect(try await Self.enqueue(database, "once", runAt: clock.now.addingTimeInterval(60), n: 2) == false)
            let queue = JobQueue(database)
            let claimed = try await queue.claim(limit: 10)
            let job = try #require(claimed.first)
            #expect(claimed.count == 1)
            #expect(try job.payload(as: Payload.self) == Payload(n: 1))
            #expect(try await queue.run(job, Self.record(job)) == .done)
            #expect(try await Self.enqueue(database, "once", runAt: clock.now, n: 3) == false)
            clock.advance(by: 3600)
            #expect(try await queue.claim(limit: 10).isEmpty)
            #expect(try await Self.effects(database) == ["once"])
            let done = try #require(try await Self.job(database, "once"))
            #expect(done.status == .done && done.attempts == 1 && done.lockedBy?.hasPrefix(queue.instance) == true)
        }
    }

    @Test(arguments: Engine.available)
    func aClaimTakesOnlyDueJobsWithoutALiveLeaseAndAnExpiredLeaseIsReclaimed(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            try await Self.makeEffects(database)
            let start = clock.now
            _ = try await Self.enqueue(database, "due", runAt: start.addingTimeInterval(-1))
            _ = try await Self.enqueue(database, "later", runAt: start.addingTimeInterval(30))
            let first = JobQueue(database, instance: "first", lease: 60)
            let second = JobQueue(database, instance: "second", lease: 60)
            let held = try await first.claim(limit: 10)
            #expect(held.map(\.key) == ["due"])
            #expect(held[0].lockedUntil == start.addingTimeInterval(60) && held[0].attempts == 1)
            #expect(try await second.claim(limit: 10).isEmpty)
            clock.advance(by: 31)
            #expect(try await second.claim(limit: 10).map(\.key) == ["later"])
            // The first worker's lease runs out (it stalled, or died): the job is claimable again.
            clock.advance(by: 30)
            let reclaimed = try await second.claim(limit: 10)
            #expect(reclaimed.map(\.key) == ["due"] && reclaimed[0].attempts == 2)
            // The stalled worker comes back: its claim no longer holds the job, so nothing runs twice.
            #expect(try await first.run(held[0], Self.record(held[0])) == .lost)
            #expect(try await second.run(reclaimed[0], Self.record(reclaimed[0])) == .done)
            #expect(try await Self.effects(database) == ["due"])
        }
    }

    @Test(arguments: Engine.available)
    func aFailingHandlerIsRetriedWithBackoffThenDeadWithItsLastError(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            try await Self.makeEffects(database)
            _ = try await Self.enqueue(database, "flaky", runAt: clock.now, maxAttempts: 3)
            let queue = JobQueue(database)
            let failing: @Sendable (Job) -> @Sendable (JobTransaction) async throws -> Void = { job in
                { tx in
                    try await Self.record(job)(tx)
                    throw Broken()
                }
            }
            for (attempt, wait) in [(1, 10.0), (2, 20.0)] {
                let job = try #require(try await queue.claim(limit: 10).first)
                #expect(job.attempts == attempt)
                let outcome = try await queue.run(job, failing(job))
                #expect(outcome == .retrying(at: clock.now.addingTimeInterval(wait), error: "printer on fire"))
                // Not claimable during the backoff.
                clock.advance(by: wait - 1)
                #expect(try await queue.claim(limit: 10).isEmpty)
                clock.advance(by: 1)
            }
            let last = try #require(try await queue.claim(limit: 10).first)
            #expect(try await queue.run(last, failing(last)) == .dead(error: "printer on fire"))
            clock.advance(by: 86400)
            #expect(try await queue.claim(limit: 10).isEmpty)
            // Each failed attempt's writes were rolled back with it.
            #expect(try await Self.effects(database).isEmpty)
            let dead = try await queue.list(status: .dead).items
            #expect(dead.map(\.key) == ["flaky"])
            #expect(dead.first?.attempts == 3 && dead.first?.lastError == "printer on fire")
        }
    }

    @Test(arguments: Engine.available)
    func aPermanentFailureIsDeadAtOnce(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await Self.enqueue(database, "hopeless", runAt: database.clock.now())
            let queue = JobQueue(database)
            let job = try #require(try await queue.claim(limit: 10).first)
            let outcome = try await queue.run(job) { _ in throw PermanentJobFailure("no such ticket") }
            #expect(outcome == .dead(error: "no such ticket"))
            #expect(try await Self.job(database, "hopeless")?.status == .dead)
        }
    }

    @Test(arguments: Engine.available)
    func rescheduleFiresOncePerRunTimeAndCancelDropsOnlyPendingJobs(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            try await Self.makeEffects(database)
            let queue = JobQueue(database)
            let due = clock.now.addingTimeInterval(600)
            func reschedule(_ at: Date, n: Int = 1) async throws -> JobQueue.Rescheduling {
                try await database.db.sqlTransaction { tx in
                    try await JobQueue.reschedule(
                        kind: "test.effect", key: "sla:t1:breach", payload: Payload(n: n), runAt: at, on: tx,
                        now: clock.now)
                }
            }
            #expect(try await reschedule(due) == .enqueued)
            #expect(try await reschedule(due) == .unchanged)
            #expect(try await reschedule(due.addingTimeInterval(300)) == .moved)
            #expect(try await reschedule(due.addingTimeInterval(300), n: 2) == .moved)
            clock.advance(by: 900)
            let job = try #require(try await queue.claim(limit: 10).first)
            #expect(try job.payload(as: Payload.self) == Payload(n: 2))
            #expect(try await queue.run(job, Self.record(job)) == .done)
            // Recomputing the same due time after it fired fires nothing; a new due time fires once more.
            #expect(try await reschedule(due.addingTimeInterval(300), n: 3) == .unchanged)
            #expect(try await queue.claim(limit: 10).isEmpty)
            #expect(try await reschedule(due.addingTimeInterval(400)) == .rearmed)
            clock.advance(by: 100)
            let again = try #require(try await queue.claim(limit: 10).first)
            #expect(again.attempts == 1)
            #expect(try await queue.run(again, Self.record(again)) == .done)
            #expect(try await Self.effects(database) == ["sla:t1:breach", "sla:t1:breach"])
            // Cancel drops a pending job only; a ran job keeps its key.
            let cancelled = try await database.db.sqlTransaction { tx in
                (
                    try await JobQueue.cancel(key: "sla:t1:breach", on: tx),
                    try await JobQueue.enqueue(
                        kind: "test.effect", key: "sla:t2:breach", payload: Payload(n: 1), runAt: due, on: tx,
                        now: clock.now),
                    try await JobQueue.cancel(key: "sla:t2:breach", on: tx)
                )
            }
            #expect(cancelled == (false, true, true))
            #expect(try await Self.job(database, "sla:t1:breach")?.status == .done)
            #expect(try await Self.job(database, "sla:t2:breach") == nil)
        }
    }

    @Test(arguments: Engine.available)
    func aWorkerThatDiesMidBatchLosesAndDoublesNothing(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            try await Self.makeEffects(database)
            for index in 0..<20 {
                _ = try await Self.enqueue(database, "job-\(index)", runAt: clock.now.addingTimeInterval(-1))
            }
            let dying = JobQueue(database, instance: "dying", lease: 60)
            let batch = try await dying.claim(limit: 20)
            #expect(batch.count == 20)
            // It ran five, then died mid-way through the sixth: that handler's writes never committed.
            for job in batch.prefix(5) { #expect(try await dying.run(job, Self.record(job)) == .done) }
            await #expect(throws: CancellationError.self) {
                try await database.db.sqlTransaction { tx in
                    try await Self.record(batch[5])(JobTransaction(sql: tx, now: clock.now))
                    throw CancellationError()
                }
            }
            let survivor = JobQueue(database, instance: "survivor", lease: 60)
            #expect(try await survivor.claim(limit: 50).isEmpty)
            clock.advance(by: 61)
            let rest = try await survivor.claim(limit: 50)
            #expect(rest.count == 15)
            for job in rest { #expect(try await survivor.run(job, Self.record(job)) == .done) }
            for job in batch { #expect(try await dying.run(job, Self.record(job)) == .lost) }
            let effects = try await Self.effects(database)
            #expect(effects.count == 20 && Set(effects) == Set((0..<20).map { "job-\($0)" }))
        }
    }

    @Test(arguments: Engine.available)
    func aStoppingWorkerGivesBackWhatItDidNotRun(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await Self.enqueue(database, "a", runAt: database.clock.now())
            let queue = JobQueue(database)
            let held = try await queue.claim(limit: 10)
            try await queue.release(held)
            let again = try await queue.claim(limit: 10)
            #expect(again.map(\.key) == ["a"] && again[0].attempts == 1)
        }
    }

    @Test(arguments: Engine.available)
    func aJobWhoseEveryAttemptWasAbandonedGoesDead(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            _ = try await Self.enqueue(database, "crasher", runAt: clock.now, maxAttempts: 2)
            let queue = JobQueue(database, lease: 60)
            for _ in 0..<2 {
                #expect(try await queue.claim(limit: 10).count == 1)
                clock.advance(by: 61)
            }
            #expect(try await queue.claim(limit: 10).isEmpty)
            let dead = try #require(try await Self.job(database, "crasher"))
            #expect(dead.status == .dead && dead.attempts == 2)
            #expect(dead.lastError?.contains("lease ran out") == true)
        }
    }

    /// Two workers, each with its own pools as two `kefu serve` instances would have, drain 1,000 due jobs at
    /// once: every job's effect is written exactly once.
    @Test(arguments: Engine.available)
    func twoConcurrentWorkersRunEachOfAThousandJobsExactlyOnce(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            try await Self.makeEffects(database)
            let now = database.clock.now()
            try await database.db.sqlTransaction { tx in
                for index in 0..<1000 {
                    try await JobQueue.enqueue(
                        kind: "test.effect", key: "job-\(index)", payload: Payload(n: index),
                        runAt: now.addingTimeInterval(-1), on: tx, now: now)
                }
            }
            let other = try KefuDatabase(location: database.location, poolSize: 2)
            do {
                @Sendable func drain(_ queue: JobQueue) async throws -> Int {
                    var ran = 0
                    while true {
                        let batch = try await queue.claim(limit: 25)
                        if batch.isEmpty { return ran }
                        for job in batch {
                            if try await queue.run(job, Self.record(job)) == .done { ran += 1 }
                        }
                    }
                }
                async let first = drain(JobQueue(database, instance: "first"))
                async let second = drain(JobQueue(other, instance: "second"))
                let (a, b) = try await (first, second)
                #expect(a + b == 1000)
            } catch {
                await other.shutdown()
                throw error
            }
            await other.shutdown()
            let effects = try await Self.effects(database)
            #expect(effects.count == 1000 && Set(effects).count == 1000)
            #expect(try await JobQueue(database).list(status: .done, limit: 200).items.count == 200)
        }
    }
}
