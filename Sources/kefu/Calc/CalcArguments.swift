import ArgumentParser
import Foundation
import KefuCore

/// A decimal flag kept as the decimal it is written as, so exact rules (N > A, ⌈N/(1 − s)⌉) see 0.3, not
/// 0.299999….
struct CalcDecimal: ExpressibleByArgument, Sendable {
    let value: Decimal

    init?(argument: String) {
        guard let value = Decimal(plainLiteral: argument) else { return nil }
        self.value = value
    }

    init(_ value: Decimal) { self.value = value }

    var defaultValueDescription: String { value.description }
}

/// A calendar date flag (`YYYY-MM-DD`).
struct CalcDay: ExpressibleByArgument, Sendable {
    let value: CalendarDay

    init?(argument: String) {
        guard let value = CalendarDay(iso8601: argument) else { return nil }
        self.value = value
    }
}

/// An instant flag: RFC 3339 with an explicit offset (`2026-01-30T17:00:00+08:00`); anything else is a
/// usage error.
struct CalcInstant: ExpressibleByArgument, Sendable {
    let value: Date

    init?(argument: String) {
        guard let value = RFC3339.date(argument) else { return nil }
        self.value = value
    }
}

/// A `--pause FROM/TO` flag, both bounds RFC 3339 with offsets. A pause that ends before it starts
/// parses: the arithmetic reports it, with its position.
struct CalcPause: ExpressibleByArgument, Sendable {
    let value: ClockPause
    /// As given, for messages.
    let text: String

    init?(argument: String) {
        let bounds = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard bounds.count == 2, let from = RFC3339.date(String(bounds[0])), let to = RFC3339.date(String(bounds[1]))
        else { return nil }
        value = ClockPause(from: from, to: to)
        text = argument
    }
}

/// Output formats of the calc commands; each command says which it supports.
enum CalcFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case json
    case csv

    /// A usage error unless the command supports `self`.
    func require(_ supported: [CalcFormat]) throws {
        guard supported.contains(self) else {
            throw ValidationError(
                "--format \(rawValue) is not supported here "
                    + "(use \(supported.map(\.rawValue).joined(separator: " or ")))"
            )
        }
    }
}

/// The `--period` flag: calendar days or Monday–Sunday weeks.
enum CalcPeriod: String, ExpressibleByArgument, CaseIterable, Sendable {
    case day
    case week

    var summaryPeriod: SummaryPeriod {
        switch self {
        case .day: return .day
        case .week: return .week
        }
    }
}

/// File access and error mapping shared by the calc commands.
enum CalcIO {
    /// Reads and parses a CSV input; failures name the file (and the row, when there is one).
    static func readCSV(_ path: String) throws -> CalcCSV {
        let data = try read(path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIFailure("\(path) is not UTF-8 text")
        }
        return try inFile(path) { () throws(CalcInputError) in try CalcCSV(parsing: text) }
    }

    /// The bytes of an input file; a file that cannot be read fails, naming it.
    static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIFailure("cannot read \(path)") }
        return data
    }

    /// Runs `body`, turning a row error into a one-line failure that names the file.
    static func inFile<T>(_ path: String, _ body: () throws(CalcInputError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw CLIFailure("\(path): \(error.description)")
        }
    }

    /// Invalid flag values are usage errors; an unstable queue or an unreachable target is a failure.
    static func queueing<T>(_ body: () throws(QueueingError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            switch error {
            case .invalidInput(let message): throw ValidationError(message)
            case .unstable, .targetUnreachable: throw CLIFailure(error.description)
            }
        }
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
