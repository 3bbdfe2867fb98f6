/// A day of the week as calendars and opening hours name it in JSON (`mon`…`sun`), Monday first.
public enum Weekday: String, CaseIterable, Codable, Sendable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    /// The weekday `day` falls on.
    public init(_ day: CalendarDay) { self = Weekday.allCases[Weekday.index(ofDayNumber: day.dayNumber)] }

    /// 0 for Monday … 6 for Sunday, for the day `dayNumber` days after 1970-01-01 (a Thursday).
    static func index(ofDayNumber dayNumber: Int) -> Int {
        let shifted = (dayNumber + 3) % 7
        return shifted < 0 ? shifted + 7 : shifted
    }

    var index: Int { Weekday.allCases.firstIndex(of: self)! }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.index < rhs.index }
}
