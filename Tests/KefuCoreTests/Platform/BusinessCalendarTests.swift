import Foundation
import KefuCore
import Testing

/// The calendar JSON of the SLA issue: what it reads, writes and refuses.
@Suite struct BusinessCalendarTests {
    static let issueJSON = """
        {"time_zone": "Asia/Shanghai",
         "weekly": {"mon": [["09:00","12:00"],["13:00","18:00"]], "tue": [["09:00","12:00"],["13:00","18:00"]],
                    "wed": [["09:00","12:00"],["13:00","18:00"]], "thu": [["09:00","12:00"],["13:00","18:00"]],
                    "fri": [["09:00","12:00"],["13:00","18:00"]], "sat": [], "sun": []},
         "holidays": ["2026-02-16"], "extra_workdays": ["2026-02-14"]}
        """

    static func calendar(_ json: String) throws -> BusinessCalendar {
        try JSONDecoder().decode(BusinessCalendar.self, from: Data(json.utf8))
    }

    func errors(_ json: String) throws -> [FieldError] {
        do {
            _ = try Self.calendar(json)
            return []
        } catch let failure as ValidationFailure {
            return failure.errors
        }
    }

    @Test func readsTheIssuesJSON() throws {
        let calendar = try Self.calendar(Self.issueJSON)
        #expect(calendar.timeZone.identifier == "Asia/Shanghai")
        #expect(calendar.hours(on: .mon).map(\.opens) == [540, 780])
        #expect(calendar.hours(on: .fri).map(\.closes) == [720, 1080])
        #expect(calendar.hours(on: .sat).isEmpty)
        #expect(calendar.holidays == [CalendarDay(year: 2026, month: 2, day: 16)!])
        #expect(calendar.extraWorkdays == [CalendarDay(year: 2026, month: 2, day: 14)!])
    }

    @Test func writesEveryWeekdayAndRoundTrips() throws {
        let calendar = try Self.calendar(
            #"{"time_zone": "UTC", "weekly": {"sun": [["22:00","06:00"]], "mon": [["18:00","24:00"]]},"#
                + #""holidays": ["2026-03-02", "2026-01-01", "2026-01-01"]}"#)
        let data = try JSONEncoder().encode(calendar)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["time_zone", "weekly", "holidays", "extra_workdays"])
        let weekly = try #require(object["weekly"] as? [String: [[String]]])
        #expect(Set(weekly.keys) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        #expect(weekly["mon"] == [["18:00", "24:00"]])
        #expect(weekly["sun"] == [["22:00", "06:00"]])
        #expect(weekly["tue"] == [])
        #expect(object["holidays"] as? [String] == ["2026-01-01", "2026-03-02"])
        #expect(object["extra_workdays"] as? [String] == [])
        #expect(try JSONDecoder().decode(BusinessCalendar.self, from: data) == calendar)
    }

    @Test func missingDaysAndListsAreClosedAndEmpty() throws {
        let calendar = try Self.calendar(#"{"time_zone": "Asia/Shanghai"}"#)
        #expect(!calendar.isOpenOnSomeWeekday)
        #expect(calendar.holidays.isEmpty && calendar.extraWorkdays.isEmpty)
    }

    @Test func theStandardCalendarIsWeekdaysNineToSix() {
        let calendar = BusinessCalendar.standard(in: TimeZone(identifier: "Europe/Berlin")!)
        for day in [Weekday.mon, .tue, .wed, .thu, .fri] {
            #expect(calendar.hours(on: day) == [OpeningInterval(opens: 540, closes: 1080)!])
        }
        #expect(calendar.hours(on: .sat).isEmpty && calendar.hours(on: .sun).isEmpty)
        #expect(calendar.holidays.isEmpty && calendar.extraWorkdays.isEmpty)
        #expect(calendar.isOpenOnSomeWeekday)
    }

    @Test func aCalendarOpenOnlyOnExtraWorkdaysIsNotOpenOnAnyWeekday() throws {
        let calendar = try Self.calendar(
            #"{"time_zone": "UTC", "weekly": {"mon": [], "sun": []}, "extra_workdays": ["2026-02-14"]}"#)
        #expect(!calendar.isOpenOnSomeWeekday)
    }

    @Test func reportsEveryProblemWithItsField() throws {
        let found = try errors(
            """
            {"time_zone": "Mars/Olympus",
             "weekly": {"mon": [["9:00","12:00"], ["13:00","13:00"], ["24:00","06:00"], ["09:00"]],
                        "tue": [["08:00","24:01"], ["08:60","10:00"]], "mo": []},
             "holidays": ["2026-02-30", "2026-02-16"], "extra_workdays": ["2026-02-16", "14/02/2026"]}
            """)
        #expect(
            found.map { "\($0.field) \($0.code)" } == [
                "time_zone invalid_time_zone",
                "weekly.mon[0] invalid_time",
                "weekly.mon[1] empty_interval",
                "weekly.mon[2] invalid_time",
                "weekly.mon[3] invalid_interval",
                "weekly.tue[0] invalid_time",
                "weekly.tue[1] invalid_time",
                "weekly.mo unknown_day",
                "holidays[0] invalid_date",
                "extra_workdays[1] invalid_date",
                "extra_workdays holiday_and_workday",
            ])
        #expect(found.allSatisfy { !$0.message.isEmpty })
        #expect(found.last?.message == "2026-02-16 is both a holiday and an extra workday.")
    }

    @Test func theTimeZoneIsRequired() throws {
        #expect(try errors(#"{"weekly": {}}"#).map(\.code) == ["required"])
        #expect(try errors(#"{"time_zone": " "}"#).map(\.code) == ["required"])
    }

    @Test func aStartEqualToItsEndIsAnErrorEvenAtMidnight() throws {
        #expect(
            try errors(#"{"time_zone": "UTC", "weekly": {"sun": [["00:00","00:00"]]}}"#).map(\.code) == [
                "empty_interval"
            ])
        // 00:00–24:00 is the whole day; 09:00–00:00 runs to midnight.
        let calendar = try Self.calendar(
            #"{"time_zone": "UTC", "weekly": {"sun": [["00:00","24:00"], ["09:00","00:00"]]}}"#)
        #expect(calendar.hours(on: .sun).map(\.runsPastMidnight) == [false, true])
    }

    @Test func theTypedInitialiserRefusesAHolidayThatIsAlsoAWorkday() {
        let day = CalendarDay(year: 2026, month: 2, day: 14)!
        #expect(throws: ValidationFailure.self) {
            try BusinessCalendar(
                timeZone: TimeZone(identifier: "UTC")!, weekly: [:], holidays: [day], extraWorkdays: [day])
        }
    }

    @Test func aWrongShapeIsADecodingError() {
        #expect(throws: DecodingError.self) {
            try Self.calendar(#"{"time_zone": "UTC", "weekly": {"mon": "09:00-18:00"}}"#)
        }
        #expect(throws: DecodingError.self) { try Self.calendar("not json") }
    }

    @Test func weekdaysFollowTheDate() {
        #expect(Weekday(CalendarDay(year: 1970, month: 1, day: 1)!) == .thu)
        #expect(Weekday(CalendarDay(year: 2026, month: 1, day: 30)!) == .fri)
        #expect(Weekday(CalendarDay(year: 1969, month: 12, day: 29)!) == .mon)
        #expect(Weekday(CalendarDay(year: 2026, month: 2, day: 15)!) == .sun)
    }
}
