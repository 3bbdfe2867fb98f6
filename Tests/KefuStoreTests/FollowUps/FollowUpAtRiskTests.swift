import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// Relationship health and follow-ups together, on both databases: a customer crossing below the at-risk
/// threshold starts the `at_risk` plans once, and what came of a follow-up is a health event.
@Suite("Follow-ups and relationship health")
struct FollowUpAtRiskTests {
    @Test(arguments: Engine.available)
    func crossingBelowTheThresholdStartsTheAtRiskPlansOnce(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(
                profile("王小明"), by: FollowUpSchedulerTests.at(0)
            ).id
            let plan = try await FollowUpSchedulerTests.plan(database, FollowUpTrigger(kind: .atRisk), offsets: [1])
            let now = FollowUpSchedulerTests.at(2).now
            for source in ["ticket:a:complaint", "ticket:b:complaint"] {
                try await database.db.sqlTransaction { tx in
                    try await HealthLedger.record(
                        [.init(customerID: customer, kind: .complaint, at: now, source: source)], on: tx, now: now)
                }
            }
            #expect(try await FollowUpSchedulerTests.drain(JobQueue(database)) == 1)
            let tasks = try await FollowUpSchedulerTests.tasks(database, customer: customer)
            #expect(tasks.map(\.planID) == [plan.id] && tasks.map(\.triggerKind) == ["at_risk"])
            #expect(tasks.first?.dueOn == CalendarDay(iso8601: "2026-03-02"))
        }
    }

    @Test(arguments: Engine.available)
    func aSatisfiedOrUnreachableFollowUpIsAHealthEvent(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(
                profile("李雷"), by: FollowUpSchedulerTests.at(0)
            ).id
            _ = try await FollowUpSchedulerTests.plan(
                database, FollowUpTrigger(kind: .purchase), offsets: [0, 3])
            _ = try await PurchaseRepository(database).record(
                FollowUpSchedulerTests.purchase(customer, at: "2026-03-01T02:00:00Z"), by: FollowUpSchedulerTests.at(3))
            _ = try await FollowUpSchedulerTests.drain(JobQueue(database))
            let tasks = try await FollowUpSchedulerTests.tasks(database, customer: customer)
            let repository = FollowUpRepository(database)
            _ = try await repository.update(
                tasks[0].id, with: FollowUpTaskChange(outcome: .satisfied), role: .manager,
                by: FollowUpSchedulerTests.at(4))
            _ = try await repository.update(
                tasks[1].id, with: FollowUpTaskChange(status: .unreachable), role: .manager,
                by: FollowUpSchedulerTests.at(5))
            let kinds = try await HealthLedger(database).health(of: customer)
                .movements.map(\.kind)
            #expect(kinds == [.followUpUnreachable, .followUpSatisfied, .purchase])
        }
    }
}
