import Foundation
import Testing

@testable import KefuCore

@Suite struct GammaGammaTests {
    let cdnow = GammaGammaParameters(p: 6.248802489708298, q: 3.7445884532881983, v: 15.44774800946982)

    @Test func zeroFrequencyCustomersGetThePopulationMean() {
        let mean = cdnow.p * cdnow.v / (cdnow.q - 1)
        #expect(calcClose(cdnow.expectedAverageValue(frequency: 0, monetaryValue: 0) ?? -1, mean))
        #expect(calcClose(cdnow.populationMeanValue ?? -1, mean))
    }

    @Test func expectedValueShrinksTowardsThePopulationMean() {
        // p(v + x m)/(px + q − 1) for x = 2, m = 22.35.
        let expected = cdnow.p * (cdnow.v + 2 * 22.35) / (cdnow.p * 2 + cdnow.q - 1)
        let value = cdnow.expectedAverageValue(frequency: 2, monetaryValue: 22.35) ?? -1
        #expect(calcClose(value, expected))
        let mean = cdnow.populationMeanValue!
        #expect(value > min(mean, 22.35) && value < max(mean, 22.35))
        // More purchases, more weight on the customer's own mean.
        let many = cdnow.expectedAverageValue(frequency: 50, monetaryValue: 22.35) ?? -1
        #expect(abs(many - 22.35) < abs(value - 22.35))
    }

    @Test func noPopulationMeanWhenQIsAtMostOne() {
        let heavyTailed = GammaGammaParameters(p: 2, q: 0.9, v: 10)
        #expect(heavyTailed.populationMeanValue == nil)
        #expect(heavyTailed.expectedAverageValue(frequency: 0, monetaryValue: 0) == nil)
    }

    @Test func analyticGradientMatchesFiniteDifferences() {
        let counts: [GammaGammaKey: Int] = [
            GammaGammaKey(x: 1, m: 12.5.bitPattern): 2, GammaGammaKey(x: 3, m: 40.0.bitPattern): 1,
            GammaGammaKey(x: 7, m: 18.2.bitPattern): 4,
        ]
        let likelihood = GammaGammaLikelihood(counts)
        let theta = [log(4.0), log(2.5), log(11.0)]
        var gradient = [0.0, 0, 0]
        _ = likelihood.negativeLogLikelihood(theta, gradient: &gradient)
        var scratch = gradient
        for i in 0..<3 {
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

    @Test func fitNeedsRepeatCustomersWithPositiveSpend() {
        let none = [CustomerSummary(customerID: "1", frequency: 0, recency: 0, age: 10, monetaryValue: 0)]
        #expect(throws: AnalyticsError.self) { try GammaGammaParameters.fit(none) }
        let free = [CustomerSummary(customerID: "1", frequency: 2, recency: 3, age: 10, monetaryValue: 0)]
        #expect(throws: AnalyticsError.self) { try GammaGammaParameters.fit(free) }
    }
}
