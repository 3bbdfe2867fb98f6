public import Foundation

/// A branch's `business_hours` (per weekday "HH:MM-HH:MM" or null) predate calendars. Since migration
/// 017 the branch's calendar is the source of truth and `business_hours` a summary of its weekly
/// hours; a branch create or PATCH that sends `business_hours` writes those weekdays into the calendar.
extension BusinessCalendar {
    /// A calendar of `hours` in `timeZone`, without holidays; how a branch's hours become its calendar.
    public static func branchHours(_ hours: [String: String?], timeZone: TimeZone) -> BusinessCalendar {
        // Cannot throw: there are no holidays to clash with.
        try! BusinessCalendar(timeZone: timeZone, weekly: [:]).replacingHours(hours)
    }

    /// This calendar with each weekday named in `hours` open for its one interval ("HH:MM-HH:MM"), or
    /// closed when null; other weekdays, holidays and extra workdays stay.
    public func replacingHours(_ hours: [String: String?]) -> BusinessCalendar {
        var weekly = Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, self.hours(on: $0)) })
        for (key, text) in hours {
            guard let day = Weekday(rawValue: key) else { continue }
            weekly[day] = text.flatMap(OpeningInterval.init(hoursText:)).map { [$0] } ?? []
        }
        // Cannot throw: the holidays and extra workdays are this calendar's own, which do not clash.
        return try! BusinessCalendar(
            timeZone: timeZone, weekly: weekly, holidays: Set(holidays), extraWorkdays: Set(extraWorkdays))
    }

    /// Per weekday (`mon`…`sun`), first opening to last closing on that day, "24:00" when an interval
    /// runs past midnight; nil when closed.
    public var branchHours: [String: String?] {
        Dictionary(
            uniqueKeysWithValues: Weekday.allCases.map { day -> (String, String?) in
                let intervals = hours(on: day)
                guard let first = intervals.first else { return (day.rawValue, nil) }
                let lastClosing = intervals.map { $0.runsPastMidnight ? OpeningInterval.minutesPerDay : $0.closes }
                    .max()!
                let text = OpeningInterval(opens: first.opens, closes: lastClosing)!.text
                return (day.rawValue, text.opens + "-" + text.closes)
            })
    }
}
