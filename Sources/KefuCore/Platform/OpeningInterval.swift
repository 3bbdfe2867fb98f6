/// One stretch of opening hours in local wall-clock time ("09:00"–"12:00"). It belongs to the day it
/// opens on: one whose closing time is before its opening time runs past midnight into the next day.
public struct OpeningInterval: Sendable, Hashable {
    /// Minutes after local midnight, 0 ..< 1440.
    public let opens: Int
    /// Minutes after local midnight, 0 ... 1440 (1440 is "24:00"); of the next day when `runsPastMidnight`.
    public let closes: Int

    /// Nil unless `opens` is in 0 ..< 1440, `closes` in 0 ... 1440 and the two differ.
    public init?(opens: Int, closes: Int) {
        guard (0..<Self.minutesPerDay).contains(opens), (0...Self.minutesPerDay).contains(closes), opens != closes
        else { return nil }
        self.opens = opens
        self.closes = closes
    }

    /// A branch's "HH:MM-HH:MM" within one day (closing may be "24:00"), or nil.
    public init?(hoursText: String) {
        let halves = hoursText.split(separator: "-", omittingEmptySubsequences: false)
        guard halves.count == 2, let opens = Self.minutes(String(halves[0]), allowingMidnightEnd: false),
            let closes = Self.minutes(String(halves[1]), allowingMidnightEnd: true), opens < closes
        else { return nil }
        self.init(opens: opens, closes: closes)
    }

    public var runsPastMidnight: Bool { closes < opens }

    /// "HH:MM" of the opening and the closing time, as JSON writes them.
    public var text: (opens: String, closes: String) { (Self.text(opens), Self.text(closes)) }

    static let minutesPerDay = 1440

    /// Minutes after midnight of "HH:MM" (00:00 … 23:59, and 24:00 when `allowingMidnightEnd`), or nil.
    static func minutes(_ text: String, allowingMidnightEnd: Bool) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
            bytes.indices.allSatisfy({ $0 == 2 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) })
        else { return nil }
        func digit(_ index: Int) -> Int { Int(bytes[index] - UInt8(ascii: "0")) }
        let hour = digit(0) * 10 + digit(1)
        let minute = digit(3) * 10 + digit(4)
        guard minute < 60, hour < 24 || (allowingMidnightEnd && hour == 24 && minute == 0) else { return nil }
        return hour * 60 + minute
    }

    private static func text(_ minutes: Int) -> String {
        let hour = minutes / 60, minute = minutes % 60
        return (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }
}
