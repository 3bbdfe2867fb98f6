import ArgumentParser
import Foundation
import KefuCore

/// `kefu calc rfm`: recency, frequency and monetary quintile scores and the segment of every customer.
struct RFMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfm",
        abstract: "RFM quintile scores and segments from customer_id,date,amount."
    )

    @Option(help: "CSV with header customer_id,date,amount.") var transactions: String
    @Option(help: "Date recency is measured to (YYYY-MM-DD); later transactions are an error.") var asOf: CalcDay
    @Option(help: "Output format (json or csv).") var format = CalcFormat.json

    func run() throws {
        let csv = try CalcIO.readCSV(transactions)
        let scores = try CalcIO.inFile(transactions) { () throws(CalcInputError) in
            try RFM.score(csv.transactions(), asOf: asOf.value)
        }
        switch format {
        case .json:
            let items = scores.map { s in
                CalcJSON.object([
                    ("customer_id", .string(s.customerID)),
                    ("recency_days", .int(s.recencyDays)),
                    ("frequency", .int(s.frequency)),
                    ("monetary", .decimal(s.monetary)),
                    ("r", .int(s.r)),
                    ("f", .int(s.f)),
                    ("m", .int(s.m)),
                    ("segment", .string(s.segment.rawValue)),
                ])
            }
            CalcIO.write(CalcJSON.object([("customers", .array(items))]).rendered)
        case .csv:
            var out = CalcCSVWriter(header: [
                "customer_id", "recency_days", "frequency", "monetary", "r", "f", "m", "segment",
            ])
            for s in scores {
                out.append([
                    s.customerID, String(s.recencyDays), String(s.frequency), s.monetary.description, String(s.r),
                    String(s.f), String(s.m), s.segment.rawValue,
                ])
            }
            CalcIO.write(out.text)
        }
    }
}
