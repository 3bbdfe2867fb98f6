import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// Jobs whose work lies outside the database (`JobQueue.runEffect(_:_:)`) on both databases: the effect runs with
/// no transaction open and its record commits with the completion, a failing effect is retried or dead, and a
/// lost claim performs nothing or records nothing.
@Suite("JobQueue effects")
struct JobQueueEffectTests {
    typealias Base = JobQueueTests

    /// Counts the calls of an effect.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func add() { lock.withLock { count += 1 } }
        var total: Int { lock.withLock { count } }
    }

    /// An effect that counts its call and records `label` as the job's effect.
    static func effect(_ calls: Calls, recording label: String) -> JobEffect {
        JobEffect {
            calls.add()
            return label
        } record: { label, tx in
            try await tx.sql.insert(into: "job_effects").columns("job_key").values(SQLBind(label)).run()
        }
    }

    @Test(arguments: Engine.available)
    func theEffectRunsWithNoTransactionOpenAndItsRecordCommitsWithTheCompletion(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            try await Base.makeEffects(database)
            _ = try await Base.enqueue(database, "mail", runAt: clock.now)
            let queue = JobQueue(database)
            let job = try #require(try await queue.claim(limit: 10).first)
            let outcome = try await queue.runEffect(job) { tx in
                try await tx.sql.insert(into: "job_effects").columns("job_key").values(SQLBind("prepared")).run()
                return JobEffect {
                    // A write to the job's own row while the effect runs would wait for the job's transaction
                    // (SQLite's one write lock, PostgreSQL's row lock) if one were still open.
                    try await within("a write while the effect runs") {
                        try await database.db.sqlTransaction { sql in
                            try await sql.update("jobs").set("last_error", to: "touched").where("id", .equal, job.id)
                                .run()
                        }
                    }
                    return "sent"
                } record: { result, tx in
                    try await tx.sql.insert(into: "job_effects").columns("job_key").values(SQLBind(result)).run()
                }
            }
            #expect(outcome == .done)
            #expect(try await Base.effects(database) == ["prepared", "sent"])
            let done = try #require(try await Base.job(database, "mail"))
            #expect(done.status == .done && done.attempts == 1 && done.lockedUntil == nil)
        }
    }

    @Test(arguments: Engine.available)
    func aClaimLostBeforeTheEffectPerformsNothingAndOneLostDuringItRecordsNothing(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            try await Base.makeEffects(database)
            _ = try await Base.enqueue(database, "mail", runAt: clock.now)
            let first = JobQueue(database, instance: "first", lease: 60)
            let second = JobQueue(database, instance: "second", lease: 60)
            let third = JobQueue(database, instance: "third", lease: 60)
            let stalled = try #require(try await first.claim(limit: 10).first)
            clock.advance(by: 61)
            let reclaimed = try #require(try await second.claim(limit: 10).first)
            // The stalled worker comes back: its claim is gone, so it prepares and performs nothing.
            let calls = Calls()
            #expect(try await first.runEffect(stalled) { _ in Self.effect(calls, recording: "first") } == .lost)
            #expect(calls.total == 0)
            // The second worker's effect outlasts its lease (renewed when it began) and a third worker claims the
            // job meanwhile: the second records nothing and the third runs the job (at least once).
            let taken = Calls()
            let outcome = try await second.runEffect(reclaimed) { _ in
                JobEffect {
                    clock.advance(by: 61)
                    if try await !third.claim(limit: 10).isEmpty { taken.add() }
                    return "second"
                } record: { label, tx in
                    try await tx.sql.insert(into: "job_effects").columns("job_key").values(SQLBind(label)).run()
                }
            }
            #expect(outcome == .lost && taken.total == 1)
            #expect(try await Base.effects(database).isEmpty)
            let held = try #require(try await Base.job(database, "mail"))
            #expect(try await third.runEffect(held) { _ in Self.effect(calls, recording: "third") } == .done)
            #expect(try await Base.effects(database) == ["third"] && calls.total == 1)
        }
    }

    @Test(arguments: Engine.available)
    func aFailingEffectIsRetriedThenDeadAndNothingToDoCompletesAtOnce(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            try await Base.makeEffects(database)
            _ = try await Base.enqueue(database, "flaky", runAt: clock.now, maxAttempts: 3)
            let queue = JobQueue(database)
            let first = try #require(try await queue.claim(limit: 10).first)
            let retried = try await queue.runEffect(first) { _ in JobEffect { throw Base.Broken() } }
            #expect(retried == .retrying(at: clock.now.addingTimeInterval(10), error: "printer on fire"))
            clock.advance(by: 10)
            let second = try #require(try await queue.claim(limit: 10).first)
            let dead = try await queue.runEffect(second) { _ in
                JobEffect { throw PermanentJobFailure("550 no such user") }
            }
            #expect(dead == .dead(error: "550 no such user"))
            #expect(try await Base.effects(database).isEmpty)
            // A handler with nothing to do outside completes the job in its one transaction, with what it wrote.
            _ = try await Base.enqueue(database, "nothing", runAt: clock.now)
            let nothing = try #require(try await queue.claim(limit: 10).first)
            let outcome = try await queue.runEffect(nothing) { tx -> JobEffect? in
                try await tx.sql.insert(into: "job_effects").columns("job_key").values(SQLBind("failed at once")).run()
                return nil
            }
            #expect(outcome == .done)
            #expect(try await Base.job(database, "nothing")?.status == .done)
            #expect(try await Base.effects(database) == ["failed at once"])
        }
    }
}
