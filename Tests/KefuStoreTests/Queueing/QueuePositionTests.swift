import Foundation
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

/// A ticket's `position` is counted in the database against the policy's arrival bounds (`QueueLine`), not by
/// loading the line: on a random line of every class — arrival ties, and arrivals exactly one aging step apart,
/// included — the positions are exactly the order in which the counter then calls the tickets, and the order
/// its console lists them in.
@Suite("Walk-in queue positions")
struct QueuePositionTests {
    @Test(arguments: Engine.available)
    func positionsAreTheCallOrderUnderEveryPolicy(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let (service, counters) = try await QueueCallTests.branch(database, counters: 1)
            let branchID = try await QueueSetupRepository(database).service(service).branchID
            let tickets = QueueTicketRepository(database)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let policies: [QueuePolicy] = [.fifo, .priority, .aged(agingMinutes: 5), .aged(agingMinutes: 0.5)]
            var random = SplitMix(seed: 14_14)
            for policy in policies {
                try await QueueSetupRepository(database).setPolicy(branchID, policy, by: tester)
                var issued: [UUID] = []
                for _ in 0..<30 {
                    // Whole and half minutes over 20 minutes: many tickets share an arrival, and the aged
                    // policy's steps (5 and 0.5 minutes a class) land exactly on other arrivals.
                    let minute = Double(random.next() % 40) / 2
                    let queueClass = QueueClass.allCases[Int(random.next() % 4)]
                    let placed = try await tickets.issue(
                        .init(serviceID: service, queueClass: queueClass, channel: "api"),
                        by: .at(start.addingTimeInterval(minute * 60)))
                    issued.append(placed.ticket.id)
                }
                let now = start.addingTimeInterval(3600)
                var byPosition: [Int: UUID] = [:]
                for id in issued {
                    let position = try #require(try await tickets.get(id, now: now).position)
                    #expect(byPosition[position] == nil, "\(policy): two tickets at \(position)")
                    byPosition[position] = id
                }
                // The console shows the first of the line in the same order, and counts the rest.
                let line = try await tickets.line(counterID: counters[0], now: now, shown: 5)
                #expect(line.waiting.map(\.id) == (1...5).map { byPosition[$0] }, "\(policy)")
                #expect(line.waitingCount == issued.count)
                var called: [UUID] = []
                while let ticket = try await tickets.callNext(counterID: counters[0], by: .at(now)) {
                    called.append(ticket.id)
                }
                #expect(called == (1...issued.count).map { byPosition[$0] }, "\(policy)")
            }
        }
    }
}
