import ArgumentParser
import Foundation
import KefuCore

/// `kefu calc due`: the instant a number of business minutes runs out on a business calendar, with
/// the same function the server uses for SLA due times, so a ticket's due time can be checked by hand.
struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "The end of the N-th business minute after --from on a business calendar.",
        discussion: """
            Calendar JSON and counting rules: README.md › Business calendars. Prints the due instant in \
            RFC 3339 UTC; a calendar that breaks a rule or a pause that ends before it starts is a usage \
            error (2), a calendar that never opens within three years a failure (1).
            """
    )

    @Option(help: ArgumentHelp("Business calendar JSON.", valueName: "file")) var calendar: String
    @Option(help: "Start, RFC 3339 with an offset (2026-01-30T17:00:00+08:00).") var from: CalcInstant
    @Option(help: "Business minutes to count.") var minutes: Int
    @Option(help: ArgumentHelp("A stretch the clock stands still, RFC 3339 bounds; repeatable.", valueName: "from/to"))
    var pause: [CalcPause] = []
    @Option(help: "Output format.") var format = TextOrJSON.text

    func run() throws {
        let businessCalendar = try readCalendar()
        let due: Date
        do throws(BusinessTimeError) {
            due = try businessCalendar.due(from: from.value, businessMinutes: minutes, pauses: pause.map(\.value))
        } catch {
            switch error {
            case .pauseEndsBeforeStart(let index):
                throw ValidationError("--pause \(pause[index].text) ends before it starts")
            case .negativeMinutes: throw ValidationError("--minutes: \(error.description)")
            case .neverOpens, .outOfRange: throw CLIFailure("\(calendar): \(error.description)")
            }
        }
        switch format {
        case .text: CalcIO.write(RFC3339.utc(due) + "\n")
        case .json:
            CalcIO.write(
                CalcJSON.object([("due", .string(RFC3339.utc(due))), ("business_minutes", .int(minutes))]).rendered)
        }
    }

    /// A file that is not a calendar document fails (1), as other calc inputs do; a calendar whose
    /// values break a rule is a usage error (2) naming each field.
    private func readCalendar() throws -> BusinessCalendar {
        let data = try CalcIO.read(calendar)
        do {
            return try JSONDecoder().decode(BusinessCalendar.self, from: data)
        } catch let failure as ValidationFailure {
            throw ValidationError(
                "\(calendar): " + failure.errors.map { "\($0.field): \($0.message)" }.joined(separator: " "))
        } catch let error as DecodingError {
            throw CLIFailure("\(calendar): not a calendar (\(Self.describe(error)))")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
            context = c
        @unknown default: return "unreadable"
        }
        guard !context.codingPath.isEmpty else { return "invalid JSON" }
        return "wrong type at " + JSONPath.text(context.codingPath)
    }
}
