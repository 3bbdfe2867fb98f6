import Foundation
import Testing

@testable import KefuCore

@Suite struct CustomerLifetimeValueTests {
    let bgnbd = BGNBDParameters(
        r: 0.24259290720450238, alpha: 4.413531561203286, a: 0.7928861480986488, b: 2.425753436492741)
    let customer = CustomerSummary(customerID: "1", frequency: 2, recency: 30.43, age: 38.86, monetaryValue: 22.35)

    @Test func undiscountedValueIsExpectedPurchasesTimesValue() {
        // With d = 0 the monthly increments telescope to E[Y(months · f)] · value.
        let clv = CustomerLifetimeValue.value(
            customer, bgnbd: bgnbd, averageValue: 20, months: 12, discountRate: 0, periodsPerMonth: 4.345)
        let purchases = bgnbd.expectedPurchases(in: 12 * 4.345, frequency: 2, recency: 30.43, age: 38.86)
        #expect(calcClose(clv, purchases * 20, 1e-12))
    }

    @Test func oneMonthIsDiscountedOnce() {
        let clv = CustomerLifetimeValue.value(
            customer, bgnbd: bgnbd, averageValue: 20, months: 1, discountRate: 0.01, periodsPerMonth: 30)
        let purchases = bgnbd.expectedPurchases(in: 30, frequency: 2, recency: 30.43, age: 38.86)
        #expect(calcClose(clv, purchases * 20 / 1.01, 1e-12))
    }

    @Test func discountingLowersAndLongerHorizonsRaiseValue() {
        func clv(_ months: Int, _ rate: Double) -> Double {
            CustomerLifetimeValue.value(
                customer, bgnbd: bgnbd, averageValue: 20, months: months, discountRate: rate, periodsPerMonth: 4.345)
        }
        #expect(clv(12, 0.01) < clv(12, 0))
        #expect(clv(24, 0.01) > clv(12, 0.01))
        #expect(clv(0, 0.01) == 0)
    }

    @Test func summariesWithoutSpendGetNoGammaGammaAndNoCLV() throws {
        guard let cdnow = try CDNOWData.summaries() else { return }
        let customers = cdnow.map {
            CustomerSummary(customerID: $0.customerID, frequency: $0.frequency, recency: $0.recency, age: $0.age)
        }
        let report = try CustomerLifetimeValue.report(
            customers, horizon: 10, months: 12, discountRate: 0.01, period: .week)
        #expect(report.gammaGamma == nil)
        #expect(report.customers.allSatisfy { $0.clv == nil && $0.expectedValue == nil })
    }

    @Test func rejectsNegativeHorizon() {
        #expect(throws: AnalyticsError.self) {
            try CustomerLifetimeValue.report([customer], horizon: -1, months: 12, discountRate: 0.01, period: .week)
        }
    }
}
