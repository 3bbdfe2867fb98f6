import ArgumentParser

/// `kefu calc`: the service-science calculators (queueing, staffing, customer-base analytics, survey
/// scores) on files and flags, printing JSON or CSV. Thin by design: read, call KefuCore, print.
struct CalcCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calc",
        abstract: "Queueing, staffing, customer-base and survey-score calculators; promotion quotes.",
        discussion: """
            Formulas and sources: docs/SCIENCE.md. Input errors name the file's row (the header is row 1); \
            usage errors exit with 2, failures with 1.
            """,
        subcommands: [
            ErlangCCommand.self, StaffingCommand.self, QueueCommand.self, SummaryCommand.self, RFMCommand.self,
            RetentionCommand.self, CLVCommand.self, DueCommand.self, HealthCommand.self,
            ServqualCommand.self, NPSCommand.self, QuoteCommand.self, SimulateQueueCommand.self,
        ]
    )
}
