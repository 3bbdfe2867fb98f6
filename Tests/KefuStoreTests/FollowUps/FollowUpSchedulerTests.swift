import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// The follow-up scheduler on both databases: each trigger makes its plans' tasks with the right due dates, never
/// for plans created after the event, never twice; the assignee rule's order; escalation; issue_found's ticket.
@Suite("Follow-up scheduler")
struct FollowUpSchedulerTests {
    /// 2026-03-01T00:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_772_323_200)

    static func at(_ hours: Double, by user: User? = nil) -> Attribution {
        Attribution(
            userID: user?.id, email: user?.email ?? "tester@example.test", requestID: "test",
            now: start.addingTimeInterval(hours * 3_600))
    }

    static func plan(
        _ database: KefuDatabase, _ trigger: FollowUpTrigger, offsets: [Int] = [0, 3], team: UUID? = nil,
        at hours: Double = 0
    ) async throws -> FollowUpPlan {
        try await FollowUpPlanRepository(database).create(
            FollowUpPlanDraft(
                name: "plan \(trigger.kind.rawValue)", trigger: trigger,
                steps: offsets.map { FollowUpStep(offsetDays: $0, channel: .phone, script: FollowUpScript(zh: "问候")) },
                teamID: team), by: at(hours))
    }

    /// Runs every due follow-up job as the worker would, until none is left.
    static func drain(_ queue: JobQueue) async throws -> Int {
        var ran = 0
        while true {
            let jobs = try await queue.claim(limit: 20)
            if jobs.isEmpty { return ran }
            for job in jobs where job.kind == FollowUpTriggers.jobKind || job.kind == FollowUpTriggers.batchKind {
                let outcome = try await queue.run(job) { tx in
                    if job.kind == FollowUpTriggers.batchKind {
                        try await FollowUpTriggers.schedule(try job.payload(as: FollowUpTriggers.Batch.self), tx)
                    } else {
                        try await FollowUpTriggers.schedule(try job.payload(as: FollowUpTriggerEvent.self), tx)
                    }
                }
                if outcome == .done { ran += 1 }
            }
        }
    }

    static func tasks(_ database: KefuDatabase, customer: UUID? = nil) async throws -> [FollowUpTask] {
        try await FollowUpRepository(database).list(.init(customerID: customer), limit: 200, cursor: nil).items
    }

    static func purchase(_ customer: UUID, at: String, total: Int = 3_300, branch: UUID? = nil, sku: String = "LATTE")
        -> PurchaseDraft
    {
        PurchaseDraft(
            customerID: customer, branchID: branch, purchasedAt: try! Date(at, strategy: .iso8601), total: total,
            items: [PurchaseItem(sku: sku, name: "拿铁", quantity: 1, unitPrice: total)])
    }

    static func branch(_ database: KefuDatabase, _ zone: String) async throws -> UUID {
        var profile = BranchProfile()
        profile.name = "门店 \(zone)"
        profile.timeZone = zone
        return try await BranchRepository(database).create(profile, by: tester).id
    }

    @Test(arguments: Engine.available)
    func purchasesMakeTasksDueOnTheBranchsLocalDateWithoutBackFill(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: Self.at(0)).id
            let shanghai = try await Self.branch(database, "Asia/Shanghai")
            let all = try await Self.plan(database, FollowUpTrigger(kind: .purchase), offsets: [0, 1, 7])
            let big = try await Self.plan(database, FollowUpTrigger(kind: .purchase, minTotal: 10_000), offsets: [2])
            let cakes = try await Self.plan(database, FollowUpTrigger(kind: .purchase, skuPrefix: "CAKE"), offsets: [0])
            let purchases = PurchaseRepository(database)
            // 23:59:59 and midnight in Shanghai, 1 second apart.
            let late = try await purchases.record(
                Self.purchase(customer, at: "2026-03-01T15:59:59Z", branch: shanghai), by: Self.at(20)
            ).purchase
            let midnight = try await purchases.record(
                Self.purchase(customer, at: "2026-03-01T16:00:00Z", total: 20_000, branch: shanghai), by: Self.at(20)
            )
            .purchase
            _ = try await purchases.refund(late.id, RefundRequest(), by: Self.at(21))
            // Created after both purchases were stored: applies to neither.
            _ = try await Self.plan(database, FollowUpTrigger(kind: .purchase), offsets: [0], at: 22)
            #expect(try await Self.drain(JobQueue(database)) == 2)
            let tasks = try await Self.tasks(database, customer: customer)
            let lateKey = "purchase:\(late.id.uuidString.lowercased())"
            let midnightKey = "purchase:\(midnight.id.uuidString.lowercased())"
            let made = Set(tasks.map { "\($0.triggerKey == lateKey ? "late" : "midnight") \($0.step) \($0.dueOn)" })
            #expect(
                made == [
                    "late 0 2026-03-01", "late 1 2026-03-02", "late 2 2026-03-08", "midnight 0 2026-03-02",
                    "midnight 1 2026-03-03", "midnight 2 2026-03-09", "midnight 0 2026-03-04",
                ])
            #expect(tasks.filter { $0.planID == big.id }.map(\.triggerKey) == [midnightKey])
            #expect(tasks.filter { $0.planID == cakes.id }.isEmpty)
            #expect(tasks.allSatisfy { $0.status == .due && $0.customerName == "王小明" && $0.script.zh == "问候" })
            #expect(tasks.filter { $0.planID == all.id }.count == 6)
            // Without a branch: the customer's home branch, else the business zone (Asia/Shanghai by default).
            let other = try await CustomerRepository(database).create(profile("李华"), by: Self.at(0)).id
            _ = try await purchases.record(Self.purchase(other, at: "2026-03-01T16:30:00Z"), by: Self.at(23))
            #expect(try await Self.drain(JobQueue(database)) == 1)
            let firsts = try await Self.tasks(database, customer: other).filter { $0.planID == all.id && $0.step == 0 }
            #expect(firsts.map(\.dueOn.description) == ["2026-03-02"])
        }
    }

    @Test(arguments: Engine.available)
    func aRetriedJobOrTwoWorkersNeverMakeATaskTwice(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await Self.plan(database, FollowUpTrigger(kind: .customerCreated), offsets: [0, 2])
            var customers: [UUID] = []
            for index in 0..<30 {
                customers.append(
                    try await CustomerRepository(database).create(profile("客户\(index)"), by: Self.at(1)).id)
            }
            // The same event run again (a retry after a commit the worker never heard of) adds nothing.
            let event = FollowUpTriggerEvent.customerCreated(customers[0], at: Self.at(1).now)
            try await database.db.sqlTransaction { tx in
                try await FollowUpTriggers.schedule(event, JobTransaction(sql: tx, now: Self.at(2).now))
                try await FollowUpTriggers.schedule(event, JobTransaction(sql: tx, now: Self.at(2).now))
            }
            let other = engine == .postgres ? try KefuDatabase(location: database.location, poolSize: 2) : database
            do {
                async let first = Self.drain(JobQueue(database, instance: "first"))
                async let second = Self.drain(JobQueue(other, instance: "second"))
                let (a, b) = try await (first, second)
                #expect(a + b == 30)
            } catch {
                if engine == .postgres { await other.shutdown() }
                throw error
            }
            if engine == .postgres { await other.shutdown() }
            // Recording the same events again, together, runs one batch job that makes nothing new.
            let created = customers
            try await database.db.sqlTransaction { tx in
                try await FollowUpTriggers.record(
                    created.map { .customerCreated($0, at: Self.at(1).now) }, on: tx, now: Self.at(3).now)
            }
            #expect(try await Self.drain(JobQueue(database)) == 1)
            let tasks = try await Self.tasks(database)
            #expect(tasks.count == 60)
            #expect(Set(tasks.map { "\($0.customerID) \($0.step)" }).count == 60)
        }
    }

    @Test(arguments: Engine.available)
    func theAssigneeIsTheLatestActiveTicketOwnerThenTheAccountManagerThenTheTeam(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let first = try await TicketRepositoryTests.staff(database, "first", .agent)
            let second = try await TicketRepositoryTests.staff(database, "second", .agent)
            let manager = try await TicketRepositoryTests.staff(database, "manager", .manager)
            let rotating = try await TicketRepositoryTests.staff(database, "rotating", .agent)
            let team = try await TeamRepository(database).create(name: "回访组", members: [rotating.id], by: tester)
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester).id
            let tickets = TicketRepository(database)
            var older = TicketRepositoryTests.draft(customer, team: nil)
            older.type = .request
            older.receivedAt = Self.start.addingTimeInterval(-7_200)
            _ = try await tickets.create(older, creator: .staff(id: second.id, role: .agent), by: Self.at(0))
            var newer = older
            newer.receivedAt = Self.start.addingTimeInterval(-3_600)
            _ = try await tickets.create(newer, creator: .staff(id: first.id, role: .agent), by: Self.at(0))
            try await database.db.sqlTransaction { tx in
                try await tx.update("customers").set("account_manager_id", to: manager.id)
                    .where("id", .equal, customer).run()
                func assignee() async throws -> UUID? {
                    try await FollowUpScheduler.assignee(
                        customerID: customer, accountManagerID: manager.id, team: team, on: tx)
                }
                #expect(try await assignee() == first.id)
                try await tx.update("users").set("active", to: false).where("id", .equal, first.id).run()
                #expect(try await assignee() == second.id)
                try await tx.update("users").set("active", to: false).where("id", .equal, second.id).run()
                #expect(try await assignee() == manager.id)
                try await tx.update("users").set("active", to: false).where("id", .equal, manager.id).run()
                #expect(try await assignee() == rotating.id)
                try await tx.update("users").set("active", to: false).where("id", .equal, rotating.id).run()
                #expect(try await assignee() == nil)
            }
        }
    }

    @Test(arguments: Engine.available)
    func eachResolutionOfATicketIsItsOwnTrigger(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let agent = try await TicketRepositoryTests.staff(database, "agent", .agent)
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester).id
            let plan = try await Self.plan(database, FollowUpTrigger(kind: .ticketResolved), offsets: [1])
            let complaints = try await Self.plan(database, FollowUpTrigger(kind: .complaintResolved), offsets: [1])
            var draft = TicketRepositoryTests.draft(customer)
            draft.type = .request
            let tickets = TicketRepository(database)
            let ticket = try await tickets.create(draft, creator: .staff(id: agent.id, role: .agent), by: Self.at(1))
                .ticket
            let by = Self.at(2, by: agent)
            _ = try await tickets.update(ticket.id, with: TicketChange(status: .resolved), by: by)
            _ = try await tickets.update(ticket.id, with: TicketChange(status: .open), by: Self.at(30, by: agent))
            _ = try await tickets.update(ticket.id, with: TicketChange(status: .resolved), by: Self.at(39, by: agent))
            #expect(try await Self.drain(JobQueue(database)) == 2)
            let tasks = try await Self.tasks(database, customer: customer)
            #expect(tasks.map(\.dueOn.description) == ["2026-03-02", "2026-03-03"])
            #expect(
                tasks.allSatisfy { $0.planID == plan.id && $0.sourceTicketID == ticket.id && $0.assigneeID == agent.id }
            )
            #expect(!tasks.contains { $0.planID == complaints.id })
        }
    }

    @Test(arguments: Engine.available)
    func overdueTasksEscalateOnceAndIssueFoundOpensATicket(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let agent = try await TicketRepositoryTests.staff(database, "agent", .agent)
            let manager = try await TicketRepositoryTests.staff(database, "manager", .manager)
            // No ticket owner: the account manager set on the customer gets the tasks.
            var managed = profile("王小明")
            managed.accountManagerID = agent.id
            let customer = try await CustomerRepository(database).create(managed, by: tester)
            _ = try await Self.plan(database, FollowUpTrigger(kind: .customerCreated), offsets: [0, 5])
            try await database.db.sqlTransaction { tx in
                try await FollowUpTriggers.schedule(
                    .customerCreated(customer.id, at: Self.start), JobTransaction(sql: tx, now: Self.start))
            }
            let tasks = try await Self.tasks(database)
            #expect(tasks.map(\.dueOn.description) == ["2026-03-01", "2026-03-06"])
            #expect(tasks.allSatisfy { $0.assigneeID == agent.id })
            func escalate(_ day: String) async throws {
                try await database.db.sqlTransaction { tx in
                    try await FollowUpDailyJobs.escalate(
                        CalendarDay(dateOnly: day)!, JobTransaction(sql: tx, now: Self.start))
                }
            }
            let notifications = NotificationRepository(database)
            try await escalate("2026-03-02")
            #expect(try await notifications.unreadCount(for: manager.id) == 0, "within the one-day grace")
            try await escalate("2026-03-03")
            try await escalate("2026-03-04")
            #expect(try await notifications.unreadCount(for: manager.id) == 1)
            let listed = try await notifications.list(for: manager.id, limit: 10, cursor: nil).items
            #expect(listed.map(\.kind) == [NotificationKind.followUpOverdue])
            #expect(try await Self.tasks(database).first?.escalatedAt != nil)

            let repository = FollowUpRepository(database)
            let done = try await repository.update(
                tasks[0].id, with: FollowUpTaskChange(outcome: .issueFound, note: "热水器漏水\n详情"), role: .agent,
                by: Self.at(50, by: agent))
            #expect(done.status == .done && done.outcome == .issueFound)
            let ticketID = try #require(done.ticketID)
            let ticket = try await TicketRepository(database).get(ticketID).ticket
            #expect(ticket.type == .request && ticket.channel == .phone && ticket.ownerID == agent.id)
            #expect(ticket.subject == "Follow-up: 热水器漏水" && ticket.customerID == customer.id)
            #expect(try await repository.get(tasks[0].id) == done)
            let kinds = try await Timeline.list(in: database, customerID: customer.id, limit: 50, cursor: nil).items
                .map(\.kind)
            #expect(kinds.contains(FollowUpEventKind.completed) && kinds.contains("ticket.created"))
            // A manager records the other as unreachable; a bad change writes nothing.
            await #expect(throws: DomainError.self) {
                _ = try await repository.update(
                    tasks[1].id, with: FollowUpTaskChange(status: .unreachable, outcome: .neutral), role: .manager,
                    by: Self.at(51, by: manager))
            }
            #expect(try await repository.get(tasks[1].id).status == .due)
            let unreachable = try await repository.update(
                tasks[1].id, with: FollowUpTaskChange(status: .unreachable), role: .manager,
                by: Self.at(51, by: manager))
            #expect(unreachable.status == .unreachable && unreachable.ticketID == nil)
            let counts = try await repository.counts(.init(customerID: customer.id))
            #expect(
                Set(counts.map { "\($0.status.rawValue) \($0.outcome?.rawValue ?? "-") \($0.tasks)" }) == [
                    "done issue_found 1", "unreachable - 1",
                ])
        }
    }

    @Test(arguments: Engine.available)
    func periodicAndAnniversaryPlansRunFromTheDailyJob(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            var vip = profile("贵宾", tier: "VIP")
            vip.birthday = "1990-03-14"
            let vipID = try await CustomerRepository(database).create(vip, by: tester).id
            _ = try await CustomerRepository(database).create(profile("普通客户"), by: tester)
            let periodic = try await Self.plan(
                database, FollowUpTrigger(kind: .periodic, tier: "VIP", everyDays: 30), offsets: [0])
            let birthday = try await Self.plan(
                database, FollowUpTrigger(kind: .anniversary, field: "birthday", daysBefore: 7), offsets: [0, 7])
            func run(_ day: String) async throws {
                try await database.db.sqlTransaction { tx in
                    try await FollowUpDailyJobs.calendar(
                        CalendarDay(dateOnly: day)!,
                        JobTransaction(sql: tx, now: Self.start.addingTimeInterval(86_400 * 60)))
                }
            }
            try await run("2026-03-07")
            try await run("2026-03-07")
            var tasks = try await Self.tasks(database)
            #expect(
                tasks.map { "\($0.triggerKey) \($0.dueOn)" } == [
                    "anniversary:2026 2026-03-07", "anniversary:2026 2026-03-14",
                ])
            #expect(tasks.allSatisfy { $0.planID == birthday.id && $0.customerID == vipID })
            try await run("2026-03-31")
            tasks = try await Self.tasks(database).filter { $0.planID == periodic.id }
            #expect(tasks.map(\.triggerKey) == ["periodic:2026-03-31"])
            try await run("2026-04-15")
            #expect(try await Self.tasks(database).filter { $0.planID == periodic.id }.count == 1)
            try await run("2026-04-30")
            tasks = try await Self.tasks(database).filter { $0.planID == periodic.id }
            #expect(tasks.map(\.triggerKey) == ["periodic:2026-03-31", "periodic:2026-04-30"])
        }
    }
}
