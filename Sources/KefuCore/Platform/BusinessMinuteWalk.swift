/// Walks a calendar's counted minutes forward from a start, day by day and interval by interval: each
/// `next` returns the next run of minutes that are open and not paused, in UTC minutes since 1970.
/// Intervals that overlap (within a day, or a late interval running into the next day's first) count
/// once.
struct BusinessMinuteWalk {
    private let calendar: BusinessCalendar
    private let zone: ZoneMinutes
    /// Sorted, disjoint, none empty.
    private let pauses: [Range<Int>]
    private var pauseIndex = 0
    /// Minutes before this are counted or skipped.
    private var cursor: Int
    private var day: Int
    private var spans: [Range<Int>] = []
    private var spanIndex = 0

    init(calendar: BusinessCalendar, from start: Int, pauses: [Range<Int>]) {
        self.calendar = calendar
        zone = ZoneMinutes(zone: calendar.timeZone)
        self.pauses = Self.merged(pauses)
        cursor = start
        // The day before may hold an interval that runs past midnight into the start.
        day = Self.dayNumber(ofLocal: zone.local(ofUTC: start)) - 2
    }

    /// The next run of counted minutes that starts before `limit`, or nil when there is none.
    mutating func next(before limit: Int) -> Range<Int>? {
        while true {
            guard spanIndex < spans.count else {
                day += 1
                // Nothing on this day or later opens before the limit.
                guard day * OpeningInterval.minutesPerDay - ZoneMinutes.margin < limit else { return nil }
                spans = openSpans(onDayNumber: day)
                spanIndex = 0
                continue
            }
            let start = max(spans[spanIndex].lowerBound, cursor), end = spans[spanIndex].upperBound
            guard start < end else {
                spanIndex += 1
                continue
            }
            while pauseIndex < pauses.count, pauses[pauseIndex].upperBound <= start { pauseIndex += 1 }
            if pauseIndex < pauses.count, pauses[pauseIndex].lowerBound <= start {
                cursor = pauses[pauseIndex].upperBound
                continue
            }
            guard start < limit else { return nil }
            let stop = pauseIndex < pauses.count ? min(end, pauses[pauseIndex].lowerBound) : end
            cursor = stop
            return start..<stop
        }
    }

    /// The open intervals of one local day in UTC minutes, by opening time.
    private func openSpans(onDayNumber day: Int) -> [Range<Int>] {
        let intervals = calendar.intervals(onDayNumber: day)
        guard !intervals.isEmpty else { return [] }
        let midnight = day * OpeningInterval.minutesPerDay
        let offset = zone.fixedOffset(around: midnight...midnight + 2 * OpeningInterval.minutesPerDay)
        func utc(_ local: Int) -> Int { offset.map { local - $0 } ?? zone.utc(ofLocal: local) }
        return intervals.compactMap { interval in
            let opens = utc(midnight + interval.opens)
            let closes = utc(
                midnight + interval.closes + (interval.runsPastMidnight ? OpeningInterval.minutesPerDay : 0))
            // Empty when the clocks jump over the whole interval.
            return opens < closes ? opens..<closes : nil
        }
    }

    private static func dayNumber(ofLocal minute: Int) -> Int {
        minute >= 0 ? minute / OpeningInterval.minutesPerDay : -((-minute - 1) / OpeningInterval.minutesPerDay) - 1
    }

    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for range in ranges.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, range.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                out.append(range)
            }
        }
        return out
    }
}
