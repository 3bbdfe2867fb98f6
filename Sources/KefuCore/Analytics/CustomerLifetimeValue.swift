import Foundation

/// Discounted customer lifetime value from BG/NBD (how many purchases) and Gamma-Gamma (how much
/// each is worth), month by month as the `lifetimes` library computes it.
public enum CustomerLifetimeValue {
    /// Σ_{i=1..months} (E[Y(i·f)] − E[Y((i−1)·f)]) · value / (1 + d)^i, with f periods per month.
    public static func value(
        _ customer: CustomerSummary, bgnbd: BGNBDParameters, averageValue: Double, months: Int, discountRate: Double,
        periodsPerMonth: Double
    ) -> Double {
        var total = 0.0
        var previous = 0.0
        for month in stride(from: 1, through: months, by: 1) {
            let expected = bgnbd.expectedPurchases(
                in: Double(month) * periodsPerMonth, frequency: customer.frequency, recency: customer.recency,
                age: customer.age)
            total += (expected - previous) * averageValue / pow(1 + discountRate, Double(month))
            previous = expected
        }
        return total
    }

    /// Fits both models and values every customer, in input order. Gamma-Gamma (and so expected value
    /// and CLV) is skipped when any customer lacks a monetary value.
    public static func report(
        _ customers: [CustomerSummary], horizon: Double, months: Int, discountRate: Double, period: SummaryPeriod
    ) throws(AnalyticsError) -> CLVReport {
        guard horizon >= 0, horizon.isFinite else { throw .invalidInput("the horizon must be at least 0 periods") }
        guard months >= 0 else { throw .invalidInput("months must be at least 0") }
        guard discountRate > -1, discountRate.isFinite else {
            throw .invalidInput("the discount rate must be above −1")
        }
        let bgnbd = try BGNBDParameters.fit(customers)
        let spend = customers.allSatisfy { $0.monetaryValue != nil } ? try GammaGammaParameters.fit(customers) : nil
        let valued = customers.map { customer in
            let averageValue = spend?.parameters.expectedAverageValue(
                frequency: customer.frequency, monetaryValue: customer.monetaryValue ?? 0)
            let clv = averageValue.map {
                value(
                    customer, bgnbd: bgnbd.parameters, averageValue: $0, months: months, discountRate: discountRate,
                    periodsPerMonth: period.periodsPerMonth)
            }
            return CLVCustomer(
                customerID: customer.customerID,
                probabilityAlive: bgnbd.parameters.probabilityAlive(
                    frequency: customer.frequency, recency: customer.recency, age: customer.age),
                expectedPurchases: bgnbd.parameters.expectedPurchases(
                    in: horizon, frequency: customer.frequency, recency: customer.recency, age: customer.age),
                expectedValue: averageValue, clv: clv)
        }
        return CLVReport(bgnbd: bgnbd, gammaGamma: spend, customers: valued)
    }
}

/// Both fits and every customer's figures, what `kefu calc clv` prints.
public struct CLVReport: Sendable, Hashable {
    public let bgnbd: BGNBDFit
    public let gammaGamma: GammaGammaFit?
    public let customers: [CLVCustomer]
}

/// One customer's outlook: P(alive), purchases over the horizon, expected value per purchase and CLV
/// (the last two nil without spend data).
public struct CLVCustomer: Sendable, Hashable {
    public let customerID: String
    public let probabilityAlive: Double
    public let expectedPurchases: Double
    public let expectedValue: Double?
    public let clv: Double?
}
