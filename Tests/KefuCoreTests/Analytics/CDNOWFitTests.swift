import Foundation
import Testing

@testable import KefuCore

/// The published CDNOW results (Fader, Hardie & Lee 2005; Fader & Hardie 2013) reproduced.
@Suite struct CDNOWFitTests {
    @Test func bgnbdFitReproducesThePublishedParameters() throws {
        guard let customers = try CDNOWData.summaries() else { return }
        #expect(customers.count == 2357)
        let fit = try BGNBDParameters.fit(customers)
        let p = fit.parameters
        #expect(abs(p.r - 0.2426) < 5e-5)
        #expect(abs(p.alpha - 4.4135) < 5e-5)
        #expect(abs(p.a - 0.7929) < 5e-5)
        #expect(abs(p.b - 2.4258) < 5e-5)
        #expect(abs(fit.logLikelihood - -9582.43) < 5e-3)
        #expect(fit.gradientNorm < 1e-6)
    }

    @Test func expectedPurchasesOfThePublishedCustomerIs1226() throws {
        guard let customers = try CDNOWData.summaries() else { return }
        let p = try BGNBDParameters.fit(customers).parameters
        let expected = p.expectedPurchases(in: 39, frequency: 2, recency: 30.43, age: 38.86)
        #expect(abs(expected - 1.226) < 5e-4)
        // And agrees with a 40-digit evaluation at the same parameters.
        #expect(calcClose(expected, 1.2259104521227169, 1e-9))
    }

    @Test func gammaGammaFitReproducesThePublishedParameters() throws {
        guard let customers = try CDNOWData.summaries() else { return }
        let fit = try GammaGammaParameters.fit(customers)
        #expect(abs(fit.parameters.p - 6.25) < 5e-3)
        #expect(abs(fit.parameters.q - 3.74) < 5e-3)
        #expect(abs(fit.parameters.v - 15.4477) < 5e-4)
        #expect(fit.gradientNorm < 1e-6)
    }

    @Test func groupingIdenticalRowsChangesNothing() throws {
        guard let customers = try CDNOWData.summaries() else { return }
        // Ten copies of every customer: same parameters, ten times the log-likelihood.
        let tenfold = Array(repeatElement(customers, count: 10).joined())
        let once = try BGNBDParameters.fit(customers)
        let ten = try BGNBDParameters.fit(tenfold)
        #expect(calcClose(ten.parameters.r, once.parameters.r, 1e-7))
        #expect(calcClose(ten.parameters.b, once.parameters.b, 1e-7))
        #expect(calcClose(ten.logLikelihood, 10 * once.logLikelihood, 1e-10))
    }

    @Test func groupedLikelihoodEqualsTheSumOverCustomers() throws {
        guard let customers = try CDNOWData.summaries() else { return }
        let fit = try BGNBDParameters.fit(customers)
        let total = customers.reduce(0) {
            $0 + fit.parameters.logLikelihood(frequency: $1.frequency, recency: $1.recency, age: $1.age)
        }
        #expect(calcClose(total, fit.logLikelihood, 1e-11))
    }

    @Test func clvReportValuesEveryCustomerInInputOrder() throws {
        guard let customers = try CDNOWData.summaries() else { return }
        let report = try CustomerLifetimeValue.report(
            customers, horizon: 39, months: 12, discountRate: 0.01, period: .week)
        #expect(report.customers.count == customers.count)
        #expect(report.customers.first?.customerID == "1")
        #expect(report.gammaGamma != nil)
        for customer in report.customers {
            #expect((0...1).contains(customer.probabilityAlive))
            #expect(customer.expectedPurchases >= 0)
            #expect((customer.clv ?? -1) >= 0)
        }
    }
}
