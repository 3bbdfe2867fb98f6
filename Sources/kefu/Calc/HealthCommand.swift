import ArgumentParser
import Foundation
import KefuCore

/// `kefu calc health`: every customer's relationship-health balance from a file of events, with the
/// function the customer page uses, so analysts can try weights and half-lives and check the numbers.
struct HealthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Relationship-health balances from customer_id,kind,at events.",
        discussion: """
            Balance = Σ weight × 0.5^(age_days / half_life_days), age_days = seconds between the event and \
            --now / 86400 (docs/SCIENCE.md). Kinds and default weights: README.md › kefu calc health.
            """
    )

    @Option(help: ArgumentHelp("CSV with header customer_id,kind,at (at: RFC 3339 with an offset).", valueName: "file"))
    var events: String
    @Option(help: "The instant balances are computed at (RFC 3339 with an offset); later events are an error.")
    var now: CalcInstant
    @Option(help: ArgumentHelp("JSON {\"kind\": weight, …} replacing the default weights it names.", valueName: "file"))
    var weights: String?
    @Option(help: "Days after which an event counts half (any positive number).")
    var halfLifeDays = RelationshipHealth.defaultHalfLifeDays
    @Option(help: "Output format (json).") var format = CalcFormat.json

    func validate() throws {
        try format.require([.json])
        guard RelationshipHealth.isValidHalfLife(halfLifeDays) else {
            throw ValidationError("--half-life-days must be a positive number (got \(halfLifeDays))")
        }
    }

    func run() throws {
        let health = RelationshipHealth(weights: try readWeights(), halfLifeDays: halfLifeDays)
        let csv = try CalcIO.readCSV(events)
        let rows = try CalcIO.inFile(events) { () throws(CalcInputError) in try csv.healthEvents(notAfter: now.value) }
        let customers = health.balances(of: rows, now: now.value).map { customer in
            CalcJSON.object([
                ("customer_id", .string(customer.customerID)),
                ("balance", .number(customer.health.balance)),
                ("events", .int(customer.health.movements.count)),
            ])
        }
        CalcIO.write(CalcJSON.object([("customers", .array(customers))]).rendered)
    }

    /// The defaults with the file's kinds replaced. Like the events file, a weights file that cannot be
    /// used (not an object of numbers, an unknown kind) is a failure (1) naming the file.
    private func readWeights() throws -> HealthWeights {
        guard let weights else { return .defaults }
        let data = try CalcIO.read(weights)
        let overrides: [String: Double]
        do {
            overrides = try JSONDecoder().decode([String: Double].self, from: data)
        } catch {
            throw CLIFailure("\(weights): not a JSON object of kinds and numeric weights")
        }
        do throws(HealthWeightsError) {
            return try HealthWeights.defaults.replacing(overrides)
        } catch {
            throw CLIFailure("\(weights): \(error.description)")
        }
    }
}
