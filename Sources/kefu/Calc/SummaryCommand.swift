import ArgumentParser
import Foundation
import KefuCore

/// `kefu calc summary`: transactions to the (frequency, recency, T, monetary_value) summaries that
/// `kefu calc clv --summary` reads.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Per-customer frequency, recency, T and monetary value from customer_id,date,amount."
    )

    @Option(help: "CSV with header customer_id,date,amount.") var transactions: String
    @Option(help: "End of observation (YYYY-MM-DD); later transactions are an error.") var asOf: CalcDay
    @Option(help: "Period: day or week (Monday–Sunday).") var period = CalcPeriod.day
    @Option(help: "Output format (csv or json).") var format = CalcFormat.csv

    func run() throws {
        let csv = try CalcIO.readCSV(transactions)
        let summaries = try CalcIO.inFile(transactions) { () throws(CalcInputError) in
            try CustomerSummary.summarize(csv.transactions(), asOf: asOf.value, period: period.summaryPeriod)
        }
        switch format {
        case .csv:
            var out = CalcCSVWriter(header: ["customer_id", "frequency", "recency", "T", "monetary_value"])
            for s in summaries {
                out.append([
                    s.customerID, String(s.frequency), CalcNumber.text(s.recency) ?? "", CalcNumber.text(s.age) ?? "",
                    CalcNumber.text(s.monetaryValue ?? 0) ?? "",
                ])
            }
            CalcIO.write(out.text)
        case .json:
            let items = summaries.map { s in
                CalcJSON.object([
                    ("customer_id", .string(s.customerID)),
                    ("frequency", .int(s.frequency)),
                    ("recency", .number(s.recency)),
                    ("T", .number(s.age)),
                    ("monetary_value", .number(s.monetaryValue ?? 0)),
                ])
            }
            CalcIO.write(CalcJSON.object([("customers", .array(items))]).rendered)
        }
    }
}
