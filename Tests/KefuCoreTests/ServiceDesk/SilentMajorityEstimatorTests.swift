import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct SilentMajorityEstimatorTests {
        @Test func theSeedsDefaults() {
            let factors = SilentMajorityEstimator()
            #expect(factors.complainingShare == 0.05)
            #expect(factors.tellingShare == 0.5)
            #expect(factors.toldPerTeller == FigureRange(10, 20))
            #expect(factors.retellingShare == 0.15)
            #expect(factors.toldPerSatisfied == FigureRange(2, 5))
            #expect(factors.fastResolvedReturnShare == 0.95)
        }

        @Test func tenComplaintsStandForTwoHundredDissatisfiedCustomers() throws {
            // MUT
            let estimate = try #require(SilentMajorityEstimator().estimate(complaints: 10, fastResolved: 8))
            // validate: every figure, derived by hand from the seed's factors
            #expect(estimate.dissatisfiedPerComplaint.isClose(to: 20))
            #expect(estimate.dissatisfiedCustomers.isClose(to: 200))
            #expect(estimate.silentDissatisfied.isClose(to: 190))
            #expect(estimate.tellers.isClose(to: 100))
            #expect(estimate.peopleToldFirstHand.isClose(to: FigureRange(1000, 2000)))
            // 15 % of the first-hand listeners each tell 10–20 more.
            #expect(estimate.peopleToldSecondHand.isClose(to: FigureRange(1500, 6000)))
            #expect(estimate.peopleReached.isClose(to: FigureRange(2500, 8000)))
            #expect(estimate.returningComplainers.isClose(to: 7.6))
            #expect(estimate.satisfiedWordOfMouth.isClose(to: FigureRange(15.2, 38)))
            #expect(estimate.factors == SilentMajorityEstimator())
            #expect(estimate.complaints == 10)
        }

        @Test func factorsAreInputs() throws {
            let plain = SilentMajorityEstimator(
                complainingShare: 0.1, tellingShare: 1, toldPerTeller: FigureRange(10, 20), retellingShare: 0)
            let estimate = try #require(plain.estimate(complaints: 3, fastResolved: 0))
            #expect(estimate.dissatisfiedCustomers.isClose(to: 30))
            #expect(estimate.peopleReached.isClose(to: FigureRange(300, 600)))
            #expect(estimate.returningComplainers == 0)
        }

        @Test func noComplaintsNoEstimateOfHarm() throws {
            let estimate = try #require(SilentMajorityEstimator().estimate(complaints: 0, fastResolved: 0))
            #expect(estimate.dissatisfiedCustomers == 0)
            #expect(estimate.peopleReached == FigureRange(0, 0))
        }

        @Test func factorsAndFiguresHaveSnakeCaseKeys() throws {
            let estimate = try #require(SilentMajorityEstimator().estimate(complaints: 1, fastResolved: 1))
            let data = try JSONEncoder().encode(estimate)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["dissatisfied_customers"] != nil)
            #expect((object["factors"] as? [String: Any])?["complaining_share"] != nil)
            #expect(try JSONDecoder().decode(SilentMajorityEstimator.Estimate.self, from: data) == estimate)
        }

        @Test func nonsenseFactorsGiveNoEstimate() {
            #expect(SilentMajorityEstimator(complainingShare: 0).estimate(complaints: 1, fastResolved: 0) == nil)
            #expect(SilentMajorityEstimator(tellingShare: 1.5).estimate(complaints: 1, fastResolved: 0) == nil)
            #expect(SilentMajorityEstimator().estimate(complaints: -1, fastResolved: 0) == nil)
        }
    }
}

extension Double {
    fileprivate func isClose(to other: Double) -> Bool { abs(self - other) <= 1e-9 * max(1, abs(other)) }
}

extension FigureRange {
    fileprivate func isClose(to other: FigureRange) -> Bool {
        low.isClose(to: other.low) && high.isClose(to: other.high)
    }
}
