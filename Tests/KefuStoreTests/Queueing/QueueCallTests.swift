import Foundation
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@Suite("Walk-in queue calls")
struct QueueCallTests {
    /// A branch with one service and `counters` open counters serving it.
    static func branch(_ database: KefuDatabase, counters: Int) async throws -> (service: UUID, counters: [UUID]) {
        var profile = BranchProfile()
        profile.name = "静安支行"
        let branch = try await BranchRepository(database).create(profile, by: tester)
        let setup = QueueSetupRepository(database)
        let service = try await setup.createService(
            branchID: branch.id,
            .init(name: "存款", prefix: "A", expectedServiceMinutes: 5, targetWaitMinutes: 10), by: tester)
        var ids: [UUID] = []
        for index in 1...counters {
            let counter = try await setup.createCounter(
                branchID: branch.id, name: "\(index)号窗口", serviceIDs: [service.id], by: tester)
            _ = try await setup.updateCounter(counter.id, .init(open: true), by: tester)
            ids.append(counter.id)
        }
        return (service.id, ids)
    }

    @Test(arguments: Engine.available)
    func countersCallingAtOnceNeverGetTheSameTicket(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let (service, counters) = try await Self.branch(database, counters: 4)
            let tickets = QueueTicketRepository(database)
            var issued: [UUID] = []
            for _ in 0..<40 {
                issued.append(try await tickets.issue(.init(serviceID: service, channel: "api"), by: tester).ticket.id)
            }
            let called = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for counter in counters {
                    group.addTask {
                        var mine: [UUID] = []
                        while let ticket = try await tickets.callNext(counterID: counter, by: tester) {
                            mine.append(ticket.id)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(called.count == issued.count)
            #expect(Set(called) == Set(issued))
        }
    }

    @Test(arguments: Engine.available)
    func numbersRunPerServiceAndLocalDay(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let (service, _) = try await Self.branch(database, counters: 1)
            let tickets = QueueTicketRepository(database)
            // 23:50 and 00:10 in Shanghai (UTC+8): two local days, so the second number starts again.
            let lateEvening = Date(timeIntervalSince1970: 1_767_282_600)  // 2026-01-01T15:50:00Z
            let first = try await tickets.issue(
                .init(serviceID: service, channel: "api"), by: Attribution.at(lateEvening))
            let second = try await tickets.issue(
                .init(serviceID: service, channel: "api"), by: Attribution.at(lateEvening.addingTimeInterval(60)))
            let nextDay = try await tickets.issue(
                .init(serviceID: service, channel: "api"), by: Attribution.at(lateEvening.addingTimeInterval(1200)))
            #expect([first, second, nextDay].map(\.ticket.number) == ["A001", "A002", "A001"])
            #expect([first, second, nextDay].map(\.ticket.day) == ["2026-01-01", "2026-01-01", "2026-01-02"])
        }
    }
}

extension Attribution {
    /// The tester acting at `now`.
    static func at(_ now: Date) -> Attribution {
        Attribution(userID: tester.userID, email: tester.email, requestID: nil, now: now)
    }
}
