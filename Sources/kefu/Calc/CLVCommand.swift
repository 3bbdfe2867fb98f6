import ArgumentParser
import Foundation
import KefuCore

/// `kefu calc clv`: BG/NBD + Gamma-Gamma fits and every customer's P(alive), expected purchases and CLV.
struct CLVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clv",
        abstract: "Fit BG/NBD and Gamma-Gamma; P(alive), expected purchases and CLV per customer."
    )

    @Option(help: "CSV with header customer_id,frequency,recency,T[,monetary_value].") var summary: String
    @Option(help: "Time unit of the summary: week or day.") var period: CalcPeriod
    @Option(help: "Expected purchases are for the next this-many periods.") var horizon: Double
    @Option(help: "CLV horizon in months.") var months = 12
    @Option(help: "Monthly discount rate.") var discountRate = 0.01
    @Option(help: "Output format (json).") var format = CalcFormat.json

    func validate() throws {
        try format.require([.json])
        guard horizon >= 0, horizon.isFinite else {
            throw ValidationError("--horizon must be at least 0 (got \(horizon))")
        }
        guard months >= 0 else { throw ValidationError("--months must be at least 0 (got \(months))") }
        guard discountRate > -1, discountRate.isFinite else {
            throw ValidationError("--discount-rate must be above -1 (got \(discountRate))")
        }
    }

    func run() throws {
        let csv = try CalcIO.readCSV(summary)
        let customers = try CalcIO.inFile(summary) { () throws(CalcInputError) in try csv.summaries() }
        let report: CLVReport
        do {
            report = try CustomerLifetimeValue.report(
                customers, horizon: horizon, months: months, discountRate: discountRate, period: period.summaryPeriod)
        } catch {
            throw CLIFailure("\(summary): \(error.description)")
        }
        let bgnbd = report.bgnbd.parameters
        let json = CalcJSON.object([
            (
                "bgnbd",
                .object([
                    ("r", .number(bgnbd.r)),
                    ("alpha", .number(bgnbd.alpha)),
                    ("a", .number(bgnbd.a)),
                    ("b", .number(bgnbd.b)),
                    ("log_likelihood", .number(report.bgnbd.logLikelihood)),
                ])
            ),
            (
                "gamma_gamma",
                report.gammaGamma.map { fit in
                    .object([
                        ("p", .number(fit.parameters.p)), ("q", .number(fit.parameters.q)),
                        ("v", .number(fit.parameters.v)),
                    ])
                } ?? .null
            ),
            (
                "customers",
                .array(
                    report.customers.map { c in
                        .object([
                            ("customer_id", .string(c.customerID)),
                            ("p_alive", .number(c.probabilityAlive)),
                            ("expected_purchases", .number(c.expectedPurchases)),
                            ("expected_value", .optional(c.expectedValue)),
                            ("clv", .optional(c.clv)),
                        ])
                    })
            ),
        ])
        CalcIO.write(json.rendered)
    }
}
