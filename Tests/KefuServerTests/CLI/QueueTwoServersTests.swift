import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Queue calls with two kefu serve processes", .enabled(if: KefuCLI.built != nil))
struct QueueTwoServersTests {
    let cli = KefuCLI.built!

    /// Two servers on one PostgreSQL, two open counters, 30 waiting tickets: each counter calls next over and over
    /// on its own server, at the same time, until nobody waits. Every ticket is called exactly once (issue 14 §3).
    @Test func twoCountersOnTwoServersNeverCallTheSameTicket() async throws {
        guard Engine.postgresURL != nil else {
            print("note: KEFU_TEST_POSTGRES_URL is not set; the two-instance call-next test is skipped.")
            return
        }
        try await SLATimerProcessTests().withServedDatabase(.postgres) { database, store in
            var profile = BranchProfile()
            profile.name = "两台服务器支行"
            let attribution = Attribution(userID: nil, email: "test@example.test", requestID: nil, now: Date())
            let branch = try await BranchRepository(store).create(profile, by: attribution)
            let setup = QueueSetupRepository(store)
            let service = try await setup.createService(
                branchID: branch.id, .init(name: "存款", prefix: "A", expectedServiceMinutes: 5, targetWaitMinutes: 10),
                by: attribution)
            var counters: [UUID] = []
            for name in ["1号窗口", "2号窗口"] {
                let counter = try await setup.createCounter(
                    branchID: branch.id, name: name, serviceIDs: [service.id], by: attribution)
                _ = try await setup.updateCounter(counter.id, .init(open: true), by: attribution)
                counters.append(counter.id)
            }
            let counterIDs = counters
            let tickets = QueueTicketRepository(store)
            var issued: Set<String> = []
            for _ in 0..<30 {
                let placed = try await tickets.issue(.init(serviceID: service.id, channel: "api"), by: attribution)
                issued.insert(placed.ticket.id.uuidString.lowercased())
            }
            async let first = KefuServe.start(cli, database: database)
            async let second = KefuServe.start(cli, database: database)
            let servers = try await [first, second]
            defer { for server in servers { server.stop() } }
            let tokens = try await [
                servers[0].login(SLATimerProcessTests.agent), servers[1].login(SLATimerProcessTests.agent),
            ]
            // MUT: both counters call next at once, each through its own server, until one answers 204.
            let called = try await withThrowingTaskGroup(of: [String].self) { group in
                for index in 0..<2 {
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let answer = try await servers[index].call(
                                "POST", "queue/counters/\(counterIDs[index].uuidString)/call-next", token: tokens[index]
                            )
                            guard answer.status == 200 else {
                                #expect(answer.status == 204)
                                return mine
                            }
                            mine.append(((answer.body as? [String: Any])?["id"] as? String ?? "?").lowercased())
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            // validate
            #expect(called.count == 30)
            #expect(Set(called) == issued)
        }
    }
}
