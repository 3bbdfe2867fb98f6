import Foundation
import Testing

@testable import KefuCore

@Suite struct ErlangCTests {
    @Test func trafficIsCallsTimesAHTOverInterval() throws {
        let interval = try ErlangC(calls: 100, intervalSeconds: 1800, ahtSeconds: 180)
        #expect(interval.trafficErlangs == 10)
    }

    @Test func waitingProbabilityMatchesPublishedTables() {
        // Reference values computed at 40 digits from the Erlang B recursion.
        #expect(calcClose(ErlangC.waitingProbability(servers: 11, traffic: 10), 0.68211820468933237))
        #expect(calcClose(ErlangC.waitingProbability(servers: 14, traffic: 10), 0.17413193359504984))
        #expect(calcClose(ErlangC.waitingProbability(servers: 2, traffic: 5.0 / 3), 0.75757575757575758))
    }

    @Test func hundredsOfAgentsDoNotOverflow() {
        let pw = ErlangC.waitingProbability(servers: 1000, traffic: 950)
        #expect(calcClose(pw, 0.068253415377141424, 1e-10))
    }

    @Test func erlangBMatchesTheClosedFormForOneServer() {
        // B(1, A) = A / (1 + A).
        #expect(calcClose(ErlangC.blockingProbability(servers: 1, traffic: 3), 0.75))
    }

    @Test func figuresMatchHandComputedServiceLevelAndASA() throws {
        let interval = try ErlangC(calls: 100, intervalSeconds: 1800, ahtSeconds: 180)
        let figures = interval.figures(agents: 14, targetSeconds: 20)
        #expect(figures.stable)
        #expect(calcClose(figures.serviceLevel, 0.88835001917946688))
        #expect(calcClose(figures.asaSeconds ?? -1, 7.8359370117772429, 1e-12))
        #expect(calcClose(figures.occupancy, 10.0 / 14))
    }

    @Test func oneAgentAboveTrafficIsStableButBarelyServes() throws {
        let interval = try ErlangC(calls: 100, intervalSeconds: 1800, ahtSeconds: 180)
        let figures = interval.figures(agents: 11, targetSeconds: 20)
        #expect(figures.stable)
        #expect(figures.waitingProbability < 1 && figures.waitingProbability > 0.6)
        #expect(interval.minimumStableAgents == 11)
    }

    @Test func agentsEqualToTrafficAreUnstableWithoutAProbabilityAboveOne() throws {
        let interval = try ErlangC(calls: 100, intervalSeconds: 1800, ahtSeconds: 180)
        for agents in [5, 10] {
            let figures = interval.figures(agents: agents, targetSeconds: 20)
            #expect(!figures.stable)
            #expect(figures.waitingProbability == 1)
            #expect(figures.serviceLevel == 0)
            #expect(figures.asaSeconds == nil)
            #expect(calcClose(figures.occupancy, 10 / Double(agents)))
        }
    }

    @Test func stabilityIsDecidedOnTheDecimalsNotARoundedQuotient() throws {
        // 0.1 · 30 / 3 is exactly 1 Erlang; in binary 0.1 * 30 / 3 = 1.0000000000000002.
        let interval = try ErlangC(calls: calcDecimal("0.1"), intervalSeconds: 3, ahtSeconds: 30)
        #expect(!interval.isStable(agents: 1))
        #expect(interval.minimumStableAgents == 2)
    }

    @Test(arguments: [1.0, 5, 23.7, 120])
    func serviceLevelRisesWithAgents(traffic: Double) throws {
        let interval = try ErlangC(
            calls: Decimal(string: String(traffic))! * 10, intervalSeconds: 1800, ahtSeconds: 180)
        var previous = -1.0
        for agents in interval.minimumStableAgents..<(interval.minimumStableAgents + 40) {
            let level = interval.figures(agents: agents, targetSeconds: 20).serviceLevel
            #expect(level >= previous)
            #expect((0...1).contains(level))
            previous = level
        }
    }

    @Test func rejectsNonPositiveAHTAndInterval() {
        #expect(throws: QueueingError.self) { try ErlangC(calls: 10, intervalSeconds: 1800, ahtSeconds: -1) }
        #expect(throws: QueueingError.self) { try ErlangC(calls: 10, intervalSeconds: 0, ahtSeconds: 180) }
        #expect(throws: QueueingError.self) { try ErlangC(calls: -1, intervalSeconds: 1800, ahtSeconds: 180) }
    }
}
