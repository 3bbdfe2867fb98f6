public import Foundation

/// RFC 5322 §3.3 dates (`Wed, 2 Dec 2026 10:15:00 +0800`), read leniently and written strictly, with
/// integer arithmetic (no `DateFormatter`, whose parsing depends on the locale).
public enum MailDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// The instant a `Date` header names, or nil. The weekday is optional and not checked; two- and
    /// three-digit years are read as RFC 5322 §4.3 says; obsolete zone names (`GMT`, `UT`, `EST`…)
    /// and a trailing comment (`(CST)`) are accepted; seconds are optional; a missing zone is UTC.
    public static func parse(_ text: String) -> Date? {
        var cleaned = text
        if let open = cleaned.firstIndex(of: "(") { cleaned = String(cleaned[..<open]) }
        var tokens = cleaned.replacingOccurrences(of: ",", with: " ").split(whereSeparator: \.isWhitespace).map(
            String.init)
        if let first = tokens.first, first.allSatisfy(\.isLetter) { tokens.removeFirst() }
        guard tokens.count >= 4, let day = Int(tokens[0]),
            let month = months.firstIndex(of: String(tokens[1].lowercased().prefix(3))).map({ $0 + 1 }),
            var year = Int(tokens[2])
        else { return nil }
        if tokens[2].count == 2 { year += year < 50 ? 2000 : 1900 } else if tokens[2].count == 3 { year += 1900 }
        let time = tokens[3].split(separator: ":").map { Int($0) }
        guard time.count >= 2, time.allSatisfy({ $0 != nil }),
            let calendarDay = CalendarDay(year: year, month: month, day: day)
        else { return nil }
        let hour = time[0]!, minute = time[1]!, second = time.count > 2 ? time[2]! : 0
        guard hour < 24, minute < 60, second <= 60 else { return nil }
        let offset = tokens.count > 4 ? zoneOffsetSeconds(tokens[4]) : 0
        guard let offset else { return nil }
        let seconds = calendarDay.dayNumber * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds))
    }

    private static func zoneOffsetSeconds(_ zone: String) -> Int? {
        if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let value = Int(zone.dropFirst()) {
            let seconds = (value / 100) * 3600 + (value % 100) * 60
            return sign == "-" ? -seconds : seconds
        }
        let hours: [String: Int] = [
            "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
            "PST": -8, "PDT": -7,
        ]
        // Unknown military or other zone names mean "no information" (RFC 5322 §4.3): UTC.
        return (hours[zone.uppercased()] ?? 0) * 3600
    }

    /// `Thu, 03 Dec 2026 17:01:28 +0800`: `date` in the zone `utcOffsetMinutes` east of UTC, whole seconds.
    public static func format(_ date: Date, utcOffsetMinutes: Int = 0) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffsetMinutes * 60
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let time = seconds - days * 86_400
        let day = CalendarDay(dayNumber: days)
        func two(_ value: Int) -> String { (value < 10 ? "0" : "") + String(value) }
        let weekday = weekdays[((days % 7) + 11) % 7]  // 1970-01-01 was a Thursday
        let offset = abs(utcOffsetMinutes)
        let zone = (utcOffsetMinutes < 0 ? "-" : "+") + two(offset / 60) + two(offset % 60)
        let month = months[day.month - 1].capitalized
        return
            "\(weekday), \(two(day.day)) \(month) \(day.year) \(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60)) \(zone)"
    }
}
