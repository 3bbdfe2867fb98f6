import ArgumentParser
import Foundation
import KefuCore

/// `kefu calc retention`: churn over a window and monthly-cohort retention.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Churn rate over a window and retention by monthly cohort from customer_id,date,amount."
    )

    @Option(help: "CSV with header customer_id,date,amount.") var transactions: String
    @Option(help: "Last day of the recent window (YYYY-MM-DD); later transactions are an error.") var asOf: CalcDay
    @Option(help: "Window length in days.") var windowDays = 90
    @Option(help: "Output format (json).") var format = CalcFormat.json

    func validate() throws {
        try format.require([.json])
        guard windowDays >= 1 else { throw ValidationError("--window-days must be at least 1 (got \(windowDays))") }
    }

    func run() throws {
        let csv = try CalcIO.readCSV(transactions)
        let report = try CalcIO.inFile(transactions) { () throws(CalcInputError) in
            try Retention.report(csv.transactions(), asOf: asOf.value, windowDays: windowDays)
        }
        let json = CalcJSON.object([
            ("churn_rate", .optional(report.churnRate)),
            ("previous_window_customers", .int(report.previousWindowCustomers)),
            ("churned_customers", .int(report.churnedCustomers)),
            (
                "cohorts",
                .array(
                    report.cohorts.map { cohort in
                        .object([
                            ("cohort", .string(cohort.cohort)),
                            ("customers", .int(cohort.customers)),
                            ("retention", .array(cohort.retention.map(CalcJSON.number))),
                        ])
                    })
            ),
        ])
        CalcIO.write(json.rendered)
    }
}
