import Testing

@testable import KefuCore

@Suite struct CalendarDayTests {
    @Test func parsesISODatesAndIgnoresATime() {
        #expect(CalendarDay(iso8601: "1970-01-01")?.dayNumber == 0)
        #expect(CalendarDay(iso8601: "2000-03-01")?.dayNumber == 11_017)
        #expect(CalendarDay(iso8601: "2023-05-06T10:30:00Z") == CalendarDay(year: 2023, month: 5, day: 6))
        #expect(CalendarDay(iso8601: "2024-02-29")?.description == "2024-02-29")
    }

    @Test func rejectsImpossibleDates() {
        for text in ["2023-02-29", "2023-13-01", "2023-00-10", "2023-1-01", "20230101", "2023-01-01x", ""] {
            #expect(CalendarDay(iso8601: text) == nil)
        }
    }

    @Test func weeksRunMondayToSunday() {
        let monday = CalendarDay(iso8601: "2023-01-02")!
        let sunday = CalendarDay(iso8601: "2023-01-08")!
        let nextMonday = CalendarDay(iso8601: "2023-01-09")!
        #expect(monday.weekNumber == sunday.weekNumber)
        #expect(nextMonday.weekNumber == monday.weekNumber + 1)
        // Before 1970 too (floor, not truncation).
        #expect(CalendarDay(iso8601: "1969-12-28")!.weekNumber == CalendarDay(iso8601: "1969-12-22")!.weekNumber)
        #expect(CalendarDay(iso8601: "1969-12-29")!.weekNumber == CalendarDay(iso8601: "1970-01-04")!.weekNumber)
    }
}
