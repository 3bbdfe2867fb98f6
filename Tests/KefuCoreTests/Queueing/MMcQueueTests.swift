import Foundation
import Testing

@testable import KefuCore

@Suite struct MMcQueueTests {
    @Test func twoServerQueueMatchesTheClosedForm() throws {
        // M/M/2 with ρ = 5/6: P(wait) = 2ρ²/(1 + ρ), Wq = P(wait)/(cμ − λ).
        let queue = try MMcQueue(arrivalsPerHour: 20, serviceMinutes: 5, servers: 2)
        let rho = 5.0 / 6
        #expect(calcClose(queue.utilisation, rho))
        #expect(calcClose(queue.waitingProbability, 2 * rho * rho / (1 + rho)))
        #expect(calcClose(queue.meanWaitMinutes, queue.waitingProbability / (24.0 - 20) * 60))
    }

    @Test func singleServerIsMM1() throws {
        // M/M/1: Wq = ρ/(μ − λ) = ρ·S/(1 − ρ).
        let queue = try MMcQueue(arrivalsPerHour: 6, serviceMinutes: 5, servers: 1)
        #expect(calcClose(queue.waitingProbability, 0.5))
        #expect(calcClose(queue.meanWaitMinutes, 5))
    }

    @Test func oneClassOfShareOneWaitsTheMMcWait() throws {
        let queue = try MMcQueue(arrivalsPerHour: 20, serviceMinutes: 5, servers: 2)
        let waits = try queue.priorityWaitMinutes(shares: [1])
        #expect(calcClose(waits[0], queue.meanWaitMinutes))
    }

    @Test func priorityWaitsFollowCobhamAndConserveTheMeanWait() throws {
        let queue = try MMcQueue(arrivalsPerHour: 20, serviceMinutes: 5, servers: 2)
        let waits = try queue.priorityWaitMinutes(shares: [0.3, 0.7])
        let w0 = queue.waitingProbability * 5 / 2
        #expect(calcClose(waits[0], w0 / (1 - 0.25)))
        #expect(calcClose(waits[1], w0 / ((1 - 0.25) * (1 - 5.0 / 6))))
        // Non-preemptive priority with equal service times leaves the overall mean unchanged.
        #expect(calcClose(0.3 * waits[0] + 0.7 * waits[1], queue.meanWaitMinutes))
        #expect(waits[0] < waits[1])
    }

    @Test func saturatedQueueIsAnErrorNotANumber() {
        #expect(throws: QueueingError.unstable(utilisation: 1)) {
            try MMcQueue(arrivalsPerHour: 24, serviceMinutes: 5, servers: 2)
        }
        #expect(throws: QueueingError.self) { try MMcQueue(arrivalsPerHour: 30, serviceMinutes: 5, servers: 2) }
    }

    @Test func sharesMustBePositiveAndSumToOne() throws {
        let queue = try MMcQueue(arrivalsPerHour: 20, serviceMinutes: 5, servers: 2)
        #expect(throws: QueueingError.self) { try queue.priorityWaitMinutes(shares: [0.3, 0.6]) }
        #expect(throws: QueueingError.self) { try queue.priorityWaitMinutes(shares: [1.2, -0.2]) }
        #expect(throws: QueueingError.self) { try queue.priorityWaitMinutes(shares: []) }
        // Within 1e-9 is accepted.
        #expect(throws: Never.self) { _ = try queue.priorityWaitMinutes(shares: [0.1, 0.2, 0.7 + 5e-10]) }
    }

    @Test func rejectsBadServiceTimeAndServers() {
        #expect(throws: QueueingError.self) { try MMcQueue(arrivalsPerHour: 20, serviceMinutes: 0, servers: 2) }
        #expect(throws: QueueingError.self) { try MMcQueue(arrivalsPerHour: 20, serviceMinutes: 5, servers: 0) }
    }
}
