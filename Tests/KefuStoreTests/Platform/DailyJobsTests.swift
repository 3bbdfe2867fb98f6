import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// Daily jobs on both databases: one job per kind and business-local day, due at local midnight, however
/// often (and by however many workers) it is armed.
@Suite("DailyJobs")
struct DailyJobsTests {
    @Test(arguments: Engine.available)
    func armingTwiceADayEnqueuesOnceAndTheNextLocalDayAgain(engine: Engine) async throws {
        // 2026-03-01 15:30 UTC is 23:30 in Shanghai, the default business time zone.
        let clock = TestClock(try #require(RFC3339.date("2026-03-01T15:30:00Z")))
        try await withDatabase(engine, clock: clock.clock) { database in
            let daily = DailyJobs(database, kinds: ["test.sweep", "test.escalate"])
            #expect(try await daily.arm() == ["test.sweep", "test.escalate"])
            #expect(try await DailyJobs(database, kinds: ["test.sweep"]).arm().isEmpty)
            let today = try #require(CalendarDay(iso8601: "2026-03-01"))
            let job = try #require(try await JobQueueTests.job(database, DailyJobs.key("test.sweep", today)))
            #expect(job.runAt == RFC3339.date("2026-02-28T16:00:00Z"))
            #expect(try job.payload(as: DailyJobs.Day.self).day == today)

            clock.advance(by: 3600)  // 00:30 on 2 March in Shanghai
            #expect(try await daily.arm() == ["test.sweep", "test.escalate"])
            let tomorrow = today.adding(days: 1)
            #expect(try await JobQueueTests.job(database, DailyJobs.key("test.escalate", tomorrow)) != nil)
        }
    }
}
