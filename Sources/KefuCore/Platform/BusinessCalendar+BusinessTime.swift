public import Foundation

/// Business-time arithmetic: the one implementation SLA due times, previews, reports and
/// `kefu calc due` share. A minute counts when it lies inside an open interval of a working day and
/// outside every pause; minutes are real elapsed minutes (across a daylight-saving change an hour that
/// occurs twice counts twice, a skipped hour zero); `from`, `to` and pause bounds are truncated to the
/// whole minute. The walk goes interval by interval, so its cost grows with the days crossed, not the
/// minutes counted.
extension BusinessCalendar {
    /// How far the walk looks for an open minute before giving up: three years (1,096 days).
    static let horizonMinutes = 1096 * OpeningInterval.minutesPerDay

    /// The end of the `businessMinutes`-th counted minute from `from`, even when that is a closing time.
    /// Zero minutes gives `from` itself (truncated) when that minute counts, else the start of the next
    /// minute that does. Fewer minutes give the instants in between: a warning at 80 % of a target is
    /// `due(from:businessMinutes:)` with 80 % of its minutes.
    /// - Throws: `BusinessTimeError.neverOpens` when three years pass without a counted minute.
    public func due(from: Date, businessMinutes: Int, pauses: [ClockPause] = []) throws(BusinessTimeError) -> Date {
        guard businessMinutes >= 0 else { throw .negativeMinutes(businessMinutes) }
        let start = try Self.minute(from), paused = try Self.minutes(pauses)
        var walk = BusinessMinuteWalk(calendar: self, from: start, pauses: paused)
        let latest = Self.latestMinute
        var remaining = businessMinutes
        var searchedFrom = start
        while true {
            let horizon = searchedFrom + Self.horizonMinutes
            guard let run = walk.next(before: min(horizon, latest)) else {
                throw horizon > latest ? .outOfRange : .neverOpens(after: Self.date(searchedFrom))
            }
            if remaining <= run.count {
                guard run.lowerBound + remaining <= latest else { throw .outOfRange }
                return Self.date(run.lowerBound + remaining)
            }
            remaining -= run.count
            searchedFrom = run.upperBound
        }
    }

    /// The counted minutes from `from` up to `to` (0 when `to` is not after `from`).
    public func businessMinutes(from: Date, to: Date, pauses: [ClockPause] = []) throws(BusinessTimeError) -> Int {
        let start = try Self.minute(from), end = try Self.minute(to), paused = try Self.minutes(pauses)
        var walk = BusinessMinuteWalk(calendar: self, from: start, pauses: paused)
        var total = 0
        while let run = walk.next(before: end) { total += min(run.upperBound, end) - run.lowerBound }
        return total
    }

    private static let latestMinute = Int((StorableDate.latest.timeIntervalSince1970 / 60).rounded(.down))

    private static func minutes(_ pauses: [ClockPause]) throws(BusinessTimeError) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (index, pause) in pauses.enumerated() {
            guard pause.from <= pause.to else { throw .pauseEndsBeforeStart(index: index) }
            ranges.append(try minute(pause.from)..<minute(pause.to))
        }
        return ranges
    }

    private static func minute(_ date: Date) throws(BusinessTimeError) -> Int {
        guard StorableDate.contains(date) else { throw .outOfRange }
        return Int((date.timeIntervalSince1970 / 60).rounded(.down))
    }

    private static func date(_ minute: Int) -> Date { Date(timeIntervalSince1970: Double(minute) * 60) }
}
