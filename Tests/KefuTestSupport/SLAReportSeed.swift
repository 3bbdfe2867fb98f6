public import Foundation
public import KefuCore
public import KefuStore

/// Tickets under SLA policies for the SLA report tests, worked through the repositories in time order in
/// November 2026 (Asia/Shanghai; the business calendar is the default Monday–Friday 09:00–18:00), their
/// breaches recorded by the `sla.breach` handler run from the job queue when the clock reaches them.
///
/// Policies: "VIP" (tier VIP: first response 30, next reply 60, resolution 240 business minutes) and
/// "standard" (priorities normal, high and urgent: 60, 120, 480); a low-priority standard ticket has none.
/// Branch A (静安店) keeps its default hours, branch B (夜间店) is open round the clock.
///
/// | # | received (local) | customer, priority | branch, team, assignee | first reply | resolved | breach (at) |
/// | --- | --- | --- | --- | --- | --- | --- |
/// | 1 | 10-31 Sat 23:30 | standard, normal | A, –, Agent B | | 11-02 10:30 | first response (11-02 10:01) |
/// | 2 | 11-02 Mon 09:00 | VIP, high | A, T, Agent A | 09:20 (20) | 11:00 (120) | |
/// | 3 | 11-02 Mon 17:30 | standard, normal | A, –, Agent B | 11-03 09:45 (75) | 11-03 12:00 (210) | first response (11-03 09:31) |
/// | 4 | 11-03 Tue 10:00 | standard, urgent | –, –, Manager M | 10:10 (10) | 17:00 (180: 10:30–14:30 waiting) | |
/// | 5 | 11-04 Wed 20:00 | standard, normal | B, –, Agent A | 20:50 (50 on B's hours) | | resolution (11-05 04:01) |
/// | 6 | 11-05 Thu 09:00 | VIP, normal | A, T, Agent A | 09:10 (10) | 12:00 (180) | next reply (10:31) |
/// | 7 | 11-05 Thu 10:00 | standard, low (no policy) | –, –, Agent A | 10:30 (30) | | |
///
/// Ticket 6's customer writes again at 09:30 and is answered at 11:00. Business minutes are in brackets.
public struct SLAReportSeed: Sendable {
    public let branchA: UUID
    public let branchB: UUID
    public let teamID: UUID
    /// Ticket numbers 1–7 by the table's row.
    public let numbers: [TicketNumber]

    /// November 2026.
    public static let period = ServiceDeskReportSeed.period

    /// Where the clock stands after seeding: the start of December, local time.
    public static let after = ServiceDeskReportSeed.local(12, 1, 0)

    public static func local(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        ServiceDeskReportSeed.local(month, day, hour, minute)
    }

    public static func seed(_ database: KefuDatabase, clock: TestClock) async throws -> SLAReportSeed {
        clock.now = local(10, 31, 12)
        let system = database.system("seed")
        let users = UserRepository(database)
        let agentA = try await users.create(
            email: "sla.agent.a@example.test", name: "Agent A", role: .agent, passwordHash: "x", by: system)
        let agentB = try await users.create(
            email: "sla.agent.b@example.test", name: "Agent B", role: .agent, passwordHash: "x", by: system)
        let manager = try await users.create(
            email: "sla.manager@example.test", name: "Manager M", role: .manager, passwordHash: "x", by: system)
        let policies = SLAPolicyRepository(database)
        _ = try await policies.create(
            SLAPolicyDraft(
                name: "VIP", tiers: ["VIP"], firstResponseMinutes: 30, nextReplyMinutes: 60, resolutionMinutes: 240),
            by: system)
        _ = try await policies.create(
            SLAPolicyDraft(
                name: "standard", priorities: [.normal, .high, .urgent], firstResponseMinutes: 60,
                nextReplyMinutes: 120, resolutionMinutes: 480), by: system)
        let customers = CustomerRepository(database)
        func customer(_ name: String, tier: String) async throws -> UUID {
            var profile = CustomerProfile()
            profile.name = name
            profile.tier = tier
            return try await customers.create(profile, by: system).id
        }
        let vip = try await customer("王贵宾", tier: "VIP")
        let standard = try await customer("李标准", tier: "standard")
        let other = try await customer("赵新客", tier: "standard")
        let branches = BranchRepository(database)
        var a = BranchProfile()
        a.name = "静安店"
        let branchA = try await branches.create(a, by: system).id
        var b = BranchProfile()
        b.name = "夜间店"
        b.businessHours = Dictionary(uniqueKeysWithValues: BranchProfile.weekdays.map { ($0, "00:00-24:00") })
        let branchB = try await branches.create(b, by: system).id
        let teamID = try await TeamRepository(database).create(name: "售后", members: [agentA.id], by: system)
        try await timers(database, clock: clock, at: local(10, 31, 12))

        let tickets = TicketRepository(database)
        func by(_ user: User, _ date: Date) -> Attribution {
            Attribution(userID: user.id, email: user.email, requestID: "seed", now: date)
        }
        func ticket(
            _ subject: String, _ customer: UUID, _ priority: TicketPriority, at date: Date, by user: User,
            branch: UUID? = nil, team: UUID? = nil
        ) async throws -> (UUID, TicketNumber) {
            let draft = TicketDraft(
                customerID: customer, type: .request, channel: .phone, subject: subject, priority: priority,
                branchID: branch, teamID: team)
            let ticket = try await tickets.create(
                draft, creator: .staff(id: user.id, role: user.role), by: by(user, date)
            )
            .ticket
            return (ticket.id, ticket.number)
        }
        func reply(_ id: UUID, _ user: User, at date: Date) async throws {
            _ = try await tickets.reply(to: id, body: "您好", visibility: .public, by: by(user, date))
        }
        func status(_ id: UUID, _ status: TicketStatus, _ user: User, at date: Date) async throws {
            _ = try await tickets.update(id, with: TicketChange(status: status), by: by(user, date))
        }

        let one = try await ticket("周末来电", standard, .normal, at: local(10, 31, 23, 30), by: agentB, branch: branchA)
        let two = try await ticket(
            "贵宾咨询", vip, .high, at: local(11, 2, 9), by: agentA, branch: branchA, team: teamID)
        try await reply(two.0, agentA, at: local(11, 2, 9, 20))
        try await timers(database, clock: clock, at: local(11, 2, 10, 1))
        try await status(one.0, .resolved, agentB, at: local(11, 2, 10, 30))
        try await status(two.0, .resolved, agentA, at: local(11, 2, 11))
        let three = try await ticket("傍晚来电", standard, .normal, at: local(11, 2, 17, 30), by: agentB, branch: branchA)
        try await timers(database, clock: clock, at: local(11, 3, 9, 31))
        try await reply(three.0, agentB, at: local(11, 3, 9, 45))
        let four = try await ticket("紧急维修", other, .urgent, at: local(11, 3, 10), by: manager)
        try await reply(four.0, manager, at: local(11, 3, 10, 10))
        try await status(four.0, .pendingCustomer, manager, at: local(11, 3, 10, 30))
        try await status(three.0, .resolved, agentB, at: local(11, 3, 12))
        try await status(four.0, .open, manager, at: local(11, 3, 14, 30))
        try await status(four.0, .resolved, manager, at: local(11, 3, 17))
        let five = try await ticket("夜间报修", standard, .normal, at: local(11, 4, 20), by: agentA, branch: branchB)
        try await reply(five.0, agentA, at: local(11, 4, 20, 50))
        try await timers(database, clock: clock, at: local(11, 5, 4, 1))
        let six = try await ticket(
            "贵宾追问", vip, .normal, at: local(11, 5, 9), by: agentA, branch: branchA, team: teamID)
        try await reply(six.0, agentA, at: local(11, 5, 9, 10))
        _ = try await tickets.customerReply(
            to: six.0, body: "还有一个问题", by: .system("customer", now: local(11, 5, 9, 30)))
        let seven = try await ticket("一般咨询", standard, .low, at: local(11, 5, 10), by: agentA)
        try await reply(seven.0, agentA, at: local(11, 5, 10, 30))
        try await timers(database, clock: clock, at: local(11, 5, 10, 31))
        try await reply(six.0, agentA, at: local(11, 5, 11))
        try await status(six.0, .resolved, agentA, at: local(11, 5, 12))
        clock.now = after
        return SLAReportSeed(
            branchA: branchA, branchB: branchB, teamID: teamID,
            numbers: [one, two, three, four, five, six, seven].map(\.1))
    }

    /// Sets the clock to `date` and runs the SLA jobs due by then, as the worker of `kefu serve` would.
    public static func timers(_ database: KefuDatabase, clock: TestClock, at date: Date) async throws {
        clock.now = date
        let queue = JobQueue(database)
        for job in try await queue.claim(limit: 1000) {
            let outcome = try await queue.run(job) { tx in
                switch job.kind {
                case SLATimers.breachKind: try await SLATimers.breach(try job.payload(as: SLATimer.self), tx)
                case SLATimers.warningKind: try await SLATimers.warn(try job.payload(as: SLATimer.self), tx)
                default: try await SLATimers.recompute(try job.payload(as: SLARecomputeBatch.self), tx)
                }
            }
            guard outcome == .done else { throw SeedFailure("job \(job.key) ended \(outcome)") }
        }
    }

    struct SeedFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
