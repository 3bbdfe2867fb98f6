public import Foundation

/// Why business-time arithmetic has no answer.
public enum BusinessTimeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pause at `index` ends before it starts: the caller's input is wrong.
    case pauseEndsBeforeStart(index: Int)
    /// A negative number of business minutes was asked for.
    case negativeMinutes(Int)
    /// No minute counts within three years after `after` (the start, or the last minute counted):
    /// the calendar, less its holidays and the pauses, never opens.
    case neverOpens(after: Date)
    /// An instant outside the years 1–9999 (`StorableDate`), given or reached.
    case outOfRange

    public var description: String {
        switch self {
        case .pauseEndsBeforeStart(let index): "pause \(index + 1) ends before it starts"
        case .negativeMinutes(let minutes): "business minutes must not be negative (got \(minutes))"
        case .neverOpens(let after): "the calendar does not open within three years after \(RFC3339.utc(after))"
        case .outOfRange: "the time falls outside the years 1 to 9999"
        }
    }
}
