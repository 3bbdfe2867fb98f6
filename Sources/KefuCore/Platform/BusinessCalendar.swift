public import Foundation

/// When the business counts time: weekly opening hours in one time zone, with holidays and extra
/// workdays (China's 调休 make-up days, which have Monday's hours). SLA clocks count business
/// minutes on it; queues and follow-ups read the same calendar. Times are local to `timeZone`.
public struct BusinessCalendar: Sendable, Equatable {
    public let timeZone: TimeZone
    /// Opening hours per weekday, Monday first; an empty list is a closed day.
    private let hours: [[OpeningInterval]]
    /// Sorted.
    public let holidays: [CalendarDay]
    /// Sorted.
    public let extraWorkdays: [CalendarDay]
    private let holidayNumbers: Set<Int>
    private let extraWorkdayNumbers: Set<Int>

    /// A calendar, or every date that is both a holiday and an extra workday (field `extra_workdays`).
    public init(
        timeZone: TimeZone, weekly: [Weekday: [OpeningInterval]], holidays: Set<CalendarDay> = [],
        extraWorkdays: Set<CalendarDay> = []
    ) throws(ValidationFailure) {
        let clashes = Self.clashes(holidays: holidays, extraWorkdays: extraWorkdays)
        guard clashes.isEmpty else { throw ValidationFailure(clashes) }
        self.timeZone = timeZone
        hours = Weekday.allCases.map { (weekly[$0] ?? []).sorted { ($0.opens, $0.closes) < ($1.opens, $1.closes) } }
        self.holidays = holidays.sorted()
        self.extraWorkdays = extraWorkdays.sorted()
        holidayNumbers = Set(holidays.map(\.dayNumber))
        extraWorkdayNumbers = Set(extraWorkdays.map(\.dayNumber))
    }

    /// What a business has until it sets its calendar: Monday to Friday 09:00–18:00, no holidays.
    public static func standard(in timeZone: TimeZone) -> BusinessCalendar {
        let day = [OpeningInterval(opens: 9 * 60, closes: 18 * 60)!]
        // Cannot throw: there are no holidays to clash with.
        return try! BusinessCalendar(
            timeZone: timeZone, weekly: [.mon: day, .tue: day, .wed: day, .thu: day, .fri: day])
    }

    /// Opening hours of `weekday` (ordinary weeks; holidays and extra workdays aside), by opening time.
    public func hours(on weekday: Weekday) -> [OpeningInterval] { hours[weekday.index] }

    /// False for a calendar closed every weekday: a branch calendar like that defers to the business's.
    public var isOpenOnSomeWeekday: Bool { hours.contains { !$0.isEmpty } }

    /// The intervals of the day `dayNumber` days after 1970-01-01: none on a holiday, Monday's on an
    /// extra workday, else its weekday's.
    func intervals(onDayNumber dayNumber: Int) -> [OpeningInterval] {
        if holidayNumbers.contains(dayNumber) { return [] }
        if extraWorkdayNumbers.contains(dayNumber) { return hours[0] }
        return hours[Weekday.index(ofDayNumber: dayNumber)]
    }

    /// One field error per date that is both a holiday and an extra workday.
    static func clashes(holidays: Set<CalendarDay>, extraWorkdays: Set<CalendarDay>) -> [FieldError] {
        holidays.intersection(extraWorkdays).sorted().map {
            FieldError(
                field: "extra_workdays", code: "holiday_and_workday",
                message: "\($0) is both a holiday and an extra workday.")
        }
    }
}
