import Foundation
import Testing

@testable import KefuCore

@Suite struct BGNBDTests {
    /// The published CDNOW fit.
    let cdnow = BGNBDParameters(
        r: 0.24259290720450238, alpha: 4.413531561203286, a: 0.7928861480986488, b: 2.425753436492741)

    @Test func zeroFrequencyCustomersAreAlive() {
        #expect(cdnow.probabilityAlive(frequency: 0, recency: 0, age: 38.86) == 1)
    }

    @Test func probabilityAliveMatchesTheClosedForm() {
        // 1 / (1 + a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)), evaluated at 40 digits.
        #expect(calcClose(cdnow.probabilityAlive(frequency: 2, recency: 30.43, age: 38.86), 0.72660915155061976, 1e-12))
        #expect(calcClose(cdnow.probabilityAlive(frequency: 7, recency: 35, age: 38.86), 0.84378689264880121, 1e-12))
    }

    @Test(arguments: [
        (39.0, 0, 0.0, 38.86, 0.19478084700635443),
        (500.0, 7, 35.0, 38.86, 22.927040387325564),
        (1000.0, 30, 35.0, 36.0, 137.99189680206875),
        (10.0, 1, 0.0, 0.5, 1.3670458739719987),
    ])
    func expectedPurchasesMatchHighPrecisionValues(t: Double, x: Int, tx: Double, age: Double, expected: Double) {
        #expect(calcClose(cdnow.expectedPurchases(in: t, frequency: x, recency: tx, age: age), expected, 1e-9))
    }

    @Test func probabilityAliveStaysInTheUnitInterval() {
        for x in [0, 1, 2, 10, 100, 1000] {
            for tx in stride(from: 0.0, through: 52, by: 6.5) {
                let p = cdnow.probabilityAlive(frequency: x, recency: tx, age: 52)
                #expect(p >= 0 && p <= 1)
            }
        }
    }

    @Test func expectedPurchasesRiseWithTheHorizon() {
        for (x, tx, age) in [(0, 0.0, 38.86), (2, 30.43, 38.86), (15, 38.0, 39.0), (1, 0.0, 0.5)] {
            var previous = 0.0
            for t in stride(from: 1.0, through: 520, by: 13) {
                let expected = cdnow.expectedPurchases(in: t, frequency: x, recency: tx, age: age)
                #expect(expected > previous)
                previous = expected
            }
        }
    }

    @Test func aEqualToOneIsTheLimitNotADivisionByZero() {
        let exact = BGNBDParameters(r: 0.25, alpha: 4, a: 1, b: 2.4)
        let near = BGNBDParameters(r: 0.25, alpha: 4, a: 1 + 1e-5, b: 2.4)
        let value = exact.expectedPurchases(in: 39, frequency: 2, recency: 30, age: 39)
        #expect(value.isFinite)
        #expect(calcClose(value, near.expectedPurchases(in: 39, frequency: 2, recency: 30, age: 39), 1e-4))
    }

    @Test func nothingIsExpectedInZeroTime() {
        #expect(cdnow.expectedPurchases(in: 0, frequency: 3, recency: 10, age: 20) == 0)
    }

    @Test func analyticGradientMatchesFiniteDifferences() {
        let customers = [
            CustomerSummary(customerID: "1", frequency: 0, recency: 0, age: 30),
            CustomerSummary(customerID: "2", frequency: 1, recency: 3, age: 20),
            CustomerSummary(customerID: "3", frequency: 5, recency: 18.5, age: 19),
            CustomerSummary(customerID: "4", frequency: 5, recency: 18.5, age: 19),
        ]
        let likelihood = BGNBDLikelihood(customers)
        #expect(likelihood.groupCount == 3)
        let theta = [log(0.5), log(3.0), log(0.9), log(2.2)]
        var gradient = [0.0, 0, 0, 0]
        _ = likelihood.negativeLogLikelihood(theta, gradient: &gradient)
        var scratch = gradient
        for i in 0..<4 {
            var up = theta
            var down = theta
            up[i] += 1e-6
            down[i] -= 1e-6
            let numeric =
                (likelihood.negativeLogLikelihood(up, gradient: &scratch)
                    - likelihood.negativeLogLikelihood(down, gradient: &scratch)) / 2e-6
            #expect(calcClose(gradient[i], numeric, 1e-6))
        }
    }

    @Test func groupedLikelihoodMatchesThePerCustomerFormula() {
        let customers = [
            CustomerSummary(customerID: "1", frequency: 0, recency: 0, age: 30),
            CustomerSummary(customerID: "2", frequency: 3, recency: 12, age: 30),
        ]
        let p = BGNBDParameters(r: 0.5, alpha: 3, a: 0.9, b: 2.2)
        var gradient = [0.0, 0, 0, 0]
        let grouped = -BGNBDLikelihood(customers).negativeLogLikelihood(
            [log(p.r), log(p.alpha), log(p.a), log(p.b)], gradient: &gradient)
        let direct = customers.reduce(0) {
            $0 + p.logLikelihood(frequency: $1.frequency, recency: $1.recency, age: $1.age)
        }
        #expect(calcClose(grouped, direct, 1e-13))
    }

    @Test func aSingleCustomerCannotIdentifyTheModel() {
        let one = [CustomerSummary(customerID: "1", frequency: 2, recency: 3, age: 10)]
        #expect(throws: AnalyticsError.self) { try BGNBDParameters.fit(one) }
        #expect(throws: AnalyticsError.self) { try BGNBDParameters.fit([]) }
    }

    @Test func repeatBuyerWithZeroRecencyIsRefusedBecauseTheLikelihoodIsUnbounded() {
        let customers = [
            CustomerSummary(customerID: "1", frequency: 2, recency: 0, age: 10),
            CustomerSummary(customerID: "2", frequency: 0, recency: 0, age: 10),
        ]
        #expect(throws: AnalyticsError.self) { try BGNBDParameters.fit(customers) }
    }
}
