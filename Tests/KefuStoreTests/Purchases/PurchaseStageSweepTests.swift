import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// The daily `purchases.stage_sweep` on both databases, run as the job worker runs it (armed, claimed, run in
/// the job's transaction) while a test clock moves past `at_risk_days` and `lost_days`.
@Suite("Purchase stage sweep")
struct PurchaseStageSweepTests {
    static let day: TimeInterval = 86_400

    @Test(arguments: Engine.available)
    func customersGoAtRiskThenLostAsTimePassesAndOthersAreLeftAlone(engine: Engine) async throws {
        let clock = TestClock(try #require(RFC3339.date("2026-03-01T00:00:00Z")))
        try await withDatabase(engine, clock: clock.clock) { database in
            let customers = CustomerRepository(database)
            let now = Attribution(userID: nil, email: "t@example.test", requestID: nil, now: clock.now)
            let regular = try await customers.create(profile("常客"), by: now).id
            let occasional = try await customers.create(profile("偶尔"), by: now).id
            let none = try await customers.create(profile("没买过"), by: now).id
            let purchases = PurchaseRepository(database)
            for daysAgo in [3.0, 1] {
                _ = try await purchases.record(Self.draft(regular, daysAgo: daysAgo, now: clock.now), by: now)
            }
            _ = try await purchases.record(Self.draft(occasional, daysAgo: 50, now: clock.now), by: now)
            let stages = {
                [
                    try await customers.get(regular).profile.stage, try await customers.get(occasional).profile.stage,
                    try await customers.get(none).profile.stage,
                ]
            }
            #expect(try await stages() == [.returning, .new, .new])
            // MUT
            try await Self.runSweep(database)
            // validate
            #expect(try await stages() == [.returning, .new, .new])
            clock.advance(by: 45 * Self.day)  // occasional: 95 days
            try await Self.runSweep(database)
            #expect(try await stages() == [.returning, .atRisk, .new])
            clock.advance(by: 90 * Self.day)  // regular: 136 days, occasional: 185
            try await Self.runSweep(database)
            #expect(try await stages() == [.atRisk, .lost, .new])
            let events = try await Timeline.list(in: database, customerID: occasional, limit: 20, cursor: nil).items
            let changes = events.filter { $0.kind == CustomerEventKind.updated }
            #expect(changes.count == 2 && changes.allSatisfy { $0.summary == "Changed stage" })
            #expect(changes.first?.occurredAt == clock.now)
            let untouched = try await Timeline.list(in: database, customerID: none, limit: 20, cursor: nil).items
            #expect(untouched.map(\.kind) == [CustomerEventKind.created])
            let audit = try await AuditLog.list(in: database, entityID: occasional.uuidString, limit: 20, cursor: nil)
                .items.filter { $0.action == CustomerEventKind.updated }
            #expect(audit.first?.changes == ["stage": .init(before: "\"at_risk\"", after: "\"lost\"")])
            #expect(audit.first?.actorEmail == PurchaseStageSweep.kind)
        }
    }

    @Test(arguments: Engine.available)
    func theSweepWalksCustomersInBatchesAndAgainChangesNothing(engine: Engine) async throws {
        let clock = TestClock(try #require(RFC3339.date("2026-03-01T00:00:00Z")))
        try await withDatabase(engine, clock: clock.clock) { database in
            let now = Attribution(userID: nil, email: "t@example.test", requestID: nil, now: clock.now)
            var ids: [UUID] = []
            for index in 0..<7 {
                let id = try await CustomerRepository(database).create(profile("客户\(index)"), by: now).id
                _ = try await PurchaseRepository(database).record(
                    Self.draft(id, daysAgo: Double(100 + index * 20), now: clock.now), by: now)
                ids.append(id)
            }
            // Recorded late: the purchase decides the stage at once (at risk below 180 days, lost from it).
            clock.advance(by: 80 * Self.day)
            // MUT
            let sql = database.db.sql
            let changed = try await PurchaseStageSweep.sweep(on: sql, now: clock.now, batchSize: 2)
            // validate
            #expect(changed == 4, "those 180 to 240 days since their purchase go lost now")
            #expect(try await PurchaseStageSweep.sweep(on: sql, now: clock.now, batchSize: 2) == 0)
            for id in ids {
                #expect(try await CustomerRepository(database).get(id).profile.stage == .lost)
            }
        }
    }

    static func draft(_ customer: UUID, daysAgo: Double, now: Date) -> PurchaseDraft {
        PurchaseDraft(customerID: customer, purchasedAt: now.addingTimeInterval(-daysAgo * day), total: 1_000)
    }

    /// Arms today's sweep and runs it as the worker does.
    static func runSweep(_ database: KefuDatabase) async throws {
        #expect(try await DailyJobs(database, kinds: [PurchaseStageSweep.kind]).arm() == [PurchaseStageSweep.kind])
        let queue = JobQueue(database)
        let job = try #require(try await queue.claim(limit: 10).first { $0.kind == PurchaseStageSweep.kind })
        let day = try #require(try job.payload(as: DailyJobs.Day.self).day)
        #expect(try await queue.run(job) { tx in try await PurchaseStageSweep.run(day, tx) } == .done)
    }
}
