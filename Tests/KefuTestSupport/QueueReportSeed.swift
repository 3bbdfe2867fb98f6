public import Foundation
public import KefuCore
public import KefuStore

/// Walk-in queue tickets for the queue report tests, worked through the repositories in time order on 2 and 3
/// November 2026 at branch 静安支行 (Asia/Shanghai, the business default). Services: A 存款 (target wait 10
/// minutes) and V 贵宾 / "VIP desk" (15); counter 1 serves both, counter 2 deposits only. 王芳 works counter 1,
/// 李娜 counter 2. Times are local; a wait runs from issue to call.
///
/// | # | service, class | issued | called (counter) | wait | then | service time |
/// | --- | --- | --- | --- | --- | --- | --- |
/// | 1 | A normal | 11-02 09:00 | 09:06 (1) | 6 min | started 09:06, finished 09:16 | 10 min, 王芳 |
/// | 2 | A normal | 11-02 09:02 | 09:12 (2) | 10 min | started 09:12, finished 09:20 | 8 min, 李娜 |
/// | 3 | V vip | 11-02 10:00 | 10:30 (1) | 30 min | started 10:30, finished 10:50 | 20 min, 王芳 |
/// | 4 | A express | 11-02 10:05 | 10:20 (2) | 15 min | recalled twice, no-show 10:25 | |
/// | 5 | A normal | 11-03 09:30 | 09:35 (1) | 5 min | finished 09:45 without a start | 10 min, 王芳 |
/// | 6 | A normal | 11-03 14:00 | | | still waiting | |
/// | 7 | A normal | 11-04 09:00 | | | after the period | |
public struct QueueReportSeed: Sendable {
    /// A ticket that was called: its service, the range it was promised and its wait.
    public struct Called: Sendable {
        public let serviceID: UUID
        public let estimate: QueueWaitRange
        public let waitMinutes: Double
    }

    public let branch: UUID
    public let deposits: UUID
    public let vipDesk: UUID
    /// Tickets 1–5 of the table.
    public let called: [Called]

    /// The period the reports are asked for, as query parameters.
    public static let period = "from=2026-11-02&to=2026-11-03"

    public static func local(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        ServiceDeskReportSeed.local(month, day, hour, minute)
    }

    public static func seed(_ database: KefuDatabase) async throws -> QueueReportSeed {
        let system = Attribution.system("seed", now: local(11, 1, 12))
        let users = UserRepository(database)
        let wang = try await users.create(
            email: "queue.wang@example.test", name: "王芳", role: .agent, passwordHash: "x", by: system)
        let li = try await users.create(
            email: "queue.li@example.test", name: "李娜", role: .agent, passwordHash: "x", by: system)
        var profile = BranchProfile()
        profile.name = "静安支行"
        let branch = try await BranchRepository(database).create(profile, by: system)
        let setup = QueueSetupRepository(database)
        let deposits = try await setup.createService(
            branchID: branch.id, .init(name: "存款", prefix: "A", expectedServiceMinutes: 5, targetWaitMinutes: 10),
            by: system)
        let vipDesk = try await setup.createService(
            branchID: branch.id,
            .init(name: "贵宾", nameEn: "VIP desk", prefix: "V", expectedServiceMinutes: 10, targetWaitMinutes: 15),
            by: system)
        var counters: [UUID] = []
        for (name, services, agent) in [("1号窗口", [deposits.id, vipDesk.id], wang), ("2号窗口", [deposits.id], li)] {
            let counter = try await setup.createCounter(
                branchID: branch.id, name: name, serviceIDs: services, by: system)
            _ = try await setup.updateCounter(counter.id, .init(open: true, agentID: agent.id), by: system)
            counters.append(counter.id)
        }
        let tickets = QueueTicketRepository(database)
        func at(_ day: Int, _ hour: Int, _ minute: Int, _ user: User? = nil) -> Attribution {
            Attribution(userID: user?.id, email: user?.email, requestID: nil, now: local(11, day, hour, minute))
        }
        func issue(_ service: QueueService, _ queueClass: QueueClass, _ when: Attribution) async throws -> QueueTicket {
            try await tickets.issue(.init(serviceID: service.id, queueClass: queueClass, channel: "kiosk"), by: when)
                .ticket
        }
        func call(_ counter: Int, _ when: Attribution) async throws -> QueueTicket {
            guard let ticket = try await tickets.callNext(counterID: counters[counter - 1], by: when) else {
                throw SeedError.nobodyWaiting
            }
            return ticket
        }
        func act(_ action: QueueTicket.Action, _ ticket: QueueTicket, _ when: Attribution) async throws {
            _ = try await tickets.act(action, on: ticket.id, .init(), by: when)
        }
        let first = try await issue(deposits, .normal, at(2, 9, 0))
        let second = try await issue(deposits, .normal, at(2, 9, 2))
        let firstCall = try await call(1, at(2, 9, 6, wang))
        try await act(.start, first, at(2, 9, 6, wang))
        let secondCall = try await call(2, at(2, 9, 12, li))
        try await act(.start, second, at(2, 9, 12, li))
        try await act(.finish, first, at(2, 9, 16, wang))
        try await act(.finish, second, at(2, 9, 20, li))
        let third = try await issue(vipDesk, .vip, at(2, 10, 0))
        let fourth = try await issue(deposits, .express, at(2, 10, 5))
        let fourthCall = try await call(2, at(2, 10, 20, li))
        try await act(.recall, fourth, at(2, 10, 21, li))
        try await act(.recall, fourth, at(2, 10, 23, li))
        try await act(.noShow, fourth, at(2, 10, 25, li))
        let thirdCall = try await call(1, at(2, 10, 30, wang))
        try await act(.start, third, at(2, 10, 30, wang))
        try await act(.finish, third, at(2, 10, 50, wang))
        let fifth = try await issue(deposits, .normal, at(3, 9, 30))
        let fifthCall = try await call(1, at(3, 9, 35, wang))
        try await act(.finish, fifth, at(3, 9, 45, wang))
        _ = try await issue(deposits, .normal, at(3, 14, 0))
        _ = try await issue(deposits, .normal, at(4, 9, 0))
        let calls = [firstCall, secondCall, thirdCall, fourthCall, fifthCall]
        guard calls.map(\.id) == [first.id, second.id, third.id, fourth.id, fifth.id] else {
            throw SeedError.calledOutOfOrder(calls.map(\.number))
        }
        return QueueReportSeed(
            branch: branch.id, deposits: deposits.id, vipDesk: vipDesk.id,
            called: [(first, 6.0), (second, 10), (third, 30), (fourth, 15), (fifth, 5)].map { ticket, wait in
                Called(
                    serviceID: ticket.serviceID,
                    estimate: QueueWaitRange(low: ticket.estimateLow ?? -1, high: ticket.estimateHigh ?? -1),
                    waitMinutes: wait)
            })
    }

    enum SeedError: Error {
        case nobodyWaiting
        case calledOutOfOrder([String])
    }
}
