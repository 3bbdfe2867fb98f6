import Foundation
import Testing

@testable import KefuCore

/// Hand-computed replays of recorded arrivals through each policy (issue 14 §7).
@Suite struct QueueReplayTests {
    static func arrival(_ minute: Double, _ queueClass: QueueClass, _ service: Double) -> QueueReplay.RecordedArrival {
        .init(minute: minute, queueClass: queueClass, serviceMinutes: service)
    }

    /// Two normal customers, then an urgent one, at one counter, ten minutes each.
    static let trace = [arrival(0, .normal, 10), arrival(1, .normal, 10), arrival(2, .urgent, 10)]

    func waits(_ result: QueueSimulationResult, _ queueClass: QueueClass) -> (mean: Double, max: Double) {
        let row = result.classes.first { $0.name == queueClass.rawValue }
        return (row?.meanWaitMinutes ?? -1, row?.maxWaitMinutes ?? -1)
    }

    @Test func fifoServesInArrivalOrder() {
        let result = QueueReplay.run(days: [Self.trace], counters: 1, policy: .fifo)
        // 0 at 0 (waits 0), 1 at 10 (waits 9), the urgent 2 at 20 (waits 18).
        #expect(result.customers == 3 && result.meanWaitMinutes == 9)
        #expect(waits(result, .normal) == (4.5, 9) && waits(result, .urgent) == (18, 18))
        #expect(result.utilisation == 1)
        #expect(result.classes.map(\.name) == ["urgent", "express", "vip", "normal"])
    }

    @Test func priorityServesTheUrgentFirst() {
        let result = QueueReplay.run(days: [Self.trace], counters: 1, policy: .priority)
        // The urgent 2 at 10 (waits 8), then 1 at 20 (waits 19).
        #expect(waits(result, .urgent) == (8, 8) && waits(result, .normal) == (9.5, 19))
    }

    @Test func agedFollowsPriorityForLongAgingAndArrivalForShort() {
        // Normal 1 scores 3g + 1, urgent 2 scores 2: the urgent goes first unless g < 1/3.
        let long = QueueReplay.run(days: [Self.trace], counters: 1, policy: .aged(agingMinutes: 10))
        #expect(waits(long, .urgent) == (8, 8))
        let short = QueueReplay.run(days: [Self.trace], counters: 1, policy: .aged(agingMinutes: 0.25))
        #expect(waits(short, .urgent) == (18, 18))
    }

    @Test func everyPolicyIsFIFOWithinAClassAndCountersWorkInParallel() {
        let normals = [Self.arrival(2, .normal, 5), Self.arrival(0, .normal, 5), Self.arrival(1, .normal, 5)]
        for policy in [QueuePolicy.fifo, .priority, .aged(agingMinutes: 10)] {
            let one = QueueReplay.run(days: [normals], counters: 1, policy: policy)
            #expect(one.meanWaitMinutes == 4 && waits(one, .normal).max == 8, "\(policy)")
            let two = QueueReplay.run(days: [normals], counters: 2, policy: policy)
            // 0 and 1 start at once; 2 waits for the first counter, free at 5.
            #expect(two.meanWaitMinutes == 1 && two.utilisation == 15.0 / 20, "\(policy)")
        }
        #expect(QueueReplay.run(days: [normals], counters: 0, policy: .fifo).customers == 0)
        #expect(QueueReplay.run(days: [[]], counters: 2, policy: .fifo).customers == 0)
    }

    @Test func daysStartEmptyAndPool() {
        // The same day twice: nobody carries over, so the waits and utilisation are those of one day.
        let two = QueueReplay.run(days: [Self.trace, Self.trace], counters: 1, policy: .fifo)
        #expect(two.customers == 6 && two.meanWaitMinutes == 9 && two.utilisation == 1)
        #expect(two.classes.first { $0.name == "normal" }?.p90WaitMinutes == 9)
    }

    @Test func agedBoundsTheWaitThatPriorityLetsGrow() {
        // A normal customer behind a stream of urgent ones, each arriving as the counter comes free.
        let trace =
            [Self.arrival(0, .normal, 1), Self.arrival(0.5, .normal, 1)]
            + (1...100).map { Self.arrival(Double($0), .urgent, 1) }
        let priority = QueueReplay.run(days: [trace], counters: 1, policy: .priority)
        #expect(waits(priority, .normal).max == 100.5)
        // Aged by 5 minutes: only urgent tickets arriving within 3 × 5 minutes after it go first.
        let aged = QueueReplay.run(days: [trace], counters: 1, policy: .aged(agingMinutes: 5))
        #expect(waits(aged, .normal).max == 15.5)
        #expect(waits(aged, .normal).max <= 5 * 3 + 1)
    }
}

extension QueueReplayTests {
    @Test func theFittedConfigCarriesTheRecordedRatesAndServiceTimes() throws {
        // Two days of one hour each (first to last arrival): 4 normal and 2 urgent arrivals in 2 hours.
        let first = [Self.arrival(0, .normal, 4), Self.arrival(30, .urgent, 6), Self.arrival(60, .normal, 4)]
        let second = [Self.arrival(0, .normal, 6), Self.arrival(30, .urgent, 4), Self.arrival(60, .normal, 6)]
        let config = try QueueReplay.fittedConfig(days: [first, [], second], counters: 3, policy: .fifo)
        #expect(config.counters == 3 && config.openMinutes == 60 && config.policy == .fifo)
        #expect(config.serviceMinutes == .lognormal(mean: 5, sd: 1))
        #expect(config.classes.map(\.name) == ["urgent", "express", "vip", "normal"])
        #expect(config.classes.map(\.arrivalsPerHour) == [1, 0, 0, 2])
        #expect(throws: ValidationFailure.self) {
            try QueueReplay.fittedConfig(days: [], counters: 3, policy: .fifo)
        }
    }
}
