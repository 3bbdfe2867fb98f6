public import Foundation

/// RFC 3339 timestamps as the command line reads and writes them, with integer arithmetic only:
/// reading demands an explicit offset (`Z` or `±HH:MM`) and a real date, which `ISO8601DateFormatter`
/// does not (it accepts `+0800` and rolls 2026-02-30 over into March).
public enum RFC3339 {
    /// `2026-01-30T17:00:00+08:00`, `…T09:00:00.250Z`, `1990-12-31T15:59:60-08:00`: the instant, or nil
    /// for anything else (a missing offset, an impossible date or time, a year outside 1–9999). `T`/`t`
    /// and `Z`/`z` are alike; fractional seconds take any number of digits; a leap second (`:60`, only at
    /// 23:59 UTC) is the instant the next day starts, as POSIX time counts it.
    public static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func byte(_ index: Int, _ expected: Character...) -> Bool {
            index < bytes.count && expected.contains(Character(UnicodeScalar(bytes[index])))
        }
        guard let day = CalendarDay(dateOnly: String(decoding: bytes.prefix(10), as: UTF8.self)),
            byte(10, "T", "t"), let hour = number(11, 2), byte(13, ":"), let minute = number(14, 2), byte(16, ":"),
            let second = number(17, 2), hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if byte(index, ".") {
            index += 1
            let digitsStart = index
            while number(index, 1) != nil { index += 1 }
            guard index > digitsStart else { return nil }
            // One correctly rounded conversion of all the digits, not a sum of rounded tenths.
            fraction = Double("0." + String(decoding: bytes[digitsStart..<index], as: UTF8.self)) ?? 0
        }
        let offsetSeconds: Int
        if byte(index, "Z", "z"), index + 1 == bytes.count {
            offsetSeconds = 0
        } else if byte(index, "+", "-"), byte(index + 3, ":"), index + 6 == bytes.count,
            let offsetHours = number(index + 1, 2), let offsetMinutes = number(index + 4, 2), offsetHours < 24,
            offsetMinutes < 60
        {
            offsetSeconds = (bytes[index] == UInt8(ascii: "-") ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        let minuteOfDayUTC = ((hour * 60 + minute - offsetSeconds / 60) % 1440 + 1440) % 1440
        guard second < 60 || minuteOfDayUTC == 23 * 60 + 59 else { return nil }
        let seconds = day.dayNumber * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        let date = Date(timeIntervalSince1970: Double(seconds) + fraction)
        return StorableDate.contains(date) ? date : nil
    }

    /// `2026-02-02T04:00:00Z`: UTC, whole seconds (a fraction is dropped).
    public static func utc(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let time = seconds - days * 86_400
        func two(_ value: Int) -> String { (value < 10 ? "0" : "") + String(value) }
        return "\(CalendarDay(dayNumber: days))T\(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60))Z"
    }
}
