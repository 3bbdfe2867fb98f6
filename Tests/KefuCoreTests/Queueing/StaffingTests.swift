import Foundation
import Testing

@testable import KefuCore

@Suite struct StaffingTests {
    @Test func twentyOneAgentsAtThirtyPercentShrinkageIsExactlyThirty() {
        // 21 / 0.7 in binary floating point is 30.000000000000004, whose ceiling would be 31.
        #expect(Staffing.scheduledHeadcount(agents: 21, shrinkage: calcDecimal("0.3")) == 30)
    }

    @Test func shrinkageRoundsUpOtherwise() {
        #expect(Staffing.scheduledHeadcount(agents: 14, shrinkage: calcDecimal("0.3")) == 20)
        #expect(Staffing.scheduledHeadcount(agents: 1, shrinkage: calcDecimal("0.3")) == 2)
        #expect(Staffing.scheduledHeadcount(agents: 10, shrinkage: 0) == 10)
        #expect(Staffing.scheduledHeadcount(agents: 7, shrinkage: calcDecimal("0.125")) == 8)
    }

    @Test func requiredAgentsIsTheSmallestMeetingTheServiceLevel() throws {
        let interval = try ErlangC(calls: 100, intervalSeconds: 1800, ahtSeconds: 180)
        let target = try StaffingTarget(targetSeconds: 20, serviceLevel: calcDecimal("0.8"))
        let plan = try Staffing.plan(for: interval, target: target)
        #expect(plan.agents == 14)
        #expect(plan.figures.serviceLevel >= 0.8)
        #expect(interval.figures(agents: 13, targetSeconds: 20).serviceLevel < 0.8)
    }

    @Test func occupancyCapCanRaiseTheAnswer() throws {
        let interval = try ErlangC(calls: 100, intervalSeconds: 1800, ahtSeconds: 180)
        let target = try StaffingTarget(
            targetSeconds: 20, serviceLevel: calcDecimal("0.8"), maxOccupancy: calcDecimal("0.5"))
        // A = 10 and A/N ≤ 0.5 needs N ≥ 20, exactly 20 (equality allowed).
        #expect(try Staffing.plan(for: interval, target: target).agents == 20)
    }

    @Test func zeroCallsStillNeedOneAgent() throws {
        let interval = try ErlangC(calls: 0, intervalSeconds: 1800, ahtSeconds: 180)
        let plan = try Staffing.plan(for: interval, target: try StaffingTarget(targetSeconds: 20))
        #expect(plan.agents == 1)
        #expect(plan.figures.serviceLevel == 1)
    }

    @Test func largeCentreStaysFastAndExact() throws {
        let interval = try ErlangC(calls: 5000, intervalSeconds: 1800, ahtSeconds: 340)
        let plan = try Staffing.plan(for: interval, target: try StaffingTarget(targetSeconds: 20))
        #expect(plan.agents > 944 && plan.agents < 1000)
        #expect(interval.figures(agents: plan.agents - 1, targetSeconds: 20).serviceLevel < 0.8)
    }

    @Test func rejectsTargetsOutsideTheirDomains() {
        #expect(throws: QueueingError.self) { try StaffingTarget(targetSeconds: 20, serviceLevel: 1) }
        #expect(throws: QueueingError.self) { try StaffingTarget(targetSeconds: -1) }
        #expect(throws: QueueingError.self) { try StaffingTarget(targetSeconds: 20, shrinkage: 1) }
        #expect(throws: QueueingError.self) { try StaffingTarget(targetSeconds: 20, maxOccupancy: 0) }
    }
}
