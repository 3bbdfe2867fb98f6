import Foundation
import KefuCore
import Testing

/// Due times and business-minute counts on hand-worked cases: the issue's example, weekends, holidays and
/// 调休 make-up days, intervals past midnight, pauses, both daylight-saving changes in New York.
@Suite struct BusinessTimeTests {
    /// Mon–Fri 09:00–12:00 and 13:00–18:00 in Shanghai (UTC+8 all year).
    let shanghai = try! BusinessCalendarTests.calendar(BusinessCalendarTests.issueJSON)

    static func at(_ text: String) -> Date { RFC3339.date(text)! }

    static func calendar(_ zone: String, _ weekly: String, holidays: [String] = [], extra: [String] = []) throws
        -> BusinessCalendar
    {
        let dates = { (days: [String]) in "[" + days.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        return try BusinessCalendarTests.calendar(
            #"{"time_zone": "\#(zone)", "weekly": {\#(weekly)}, "holidays": \#(dates(holidays)), "#
                + #""extra_workdays": \#(dates(extra))}"#)
    }

    func pause(_ from: String, _ to: String) -> ClockPause { ClockPause(from: Self.at(from), to: Self.at(to)) }

    @Test func theIssuesExampleEndsAtMondaysNoonClosing() throws {
        let due = try shanghai.due(from: Self.at("2026-01-30T17:00:00+08:00"), businessMinutes: 240)
        #expect(due == Self.at("2026-02-02T04:00:00Z"))
        #expect(try shanghai.businessMinutes(from: Self.at("2026-01-30T17:00:00+08:00"), to: due) == 240)
    }

    @Test func weekendsAndLunchDoNotCount() throws {
        #expect(
            try shanghai.due(from: Self.at("2026-01-31T10:00:00+08:00"), businessMinutes: 60)
                == Self.at("2026-02-02T10:00:00+08:00"))
        #expect(
            try shanghai.due(from: Self.at("2026-02-02T11:30:00+08:00"), businessMinutes: 60)
                == Self.at("2026-02-02T13:30:00+08:00"))
        #expect(
            try shanghai.businessMinutes(
                from: Self.at("2026-02-02T00:00:00+08:00"), to: Self.at("2026-02-09T00:00:00+08:00")) == 5 * 480)
    }

    /// China's 2026 Spring Festival: 15–23 February off, Saturdays 14 and 28 February worked (调休).
    @Test func springFestivalHolidaysAndMakeUpWorkdays() throws {
        let calendar = try Self.calendar(
            "Asia/Shanghai", #""mon": [["09:00","12:00"],["13:00","18:00"]], "tue": [["09:00","18:00"]]"#,
            holidays: ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23"],
            extra: ["2026-02-14", "2026-02-28"])
        // The make-up Saturday has Monday's hours, lunch break included.
        #expect(
            try calendar.due(from: Self.at("2026-02-14T08:00:00+08:00"), businessMinutes: 240)
                == Self.at("2026-02-14T14:00:00+08:00"))
        // From the make-up Saturday's last hour over the whole festival to Tuesday 24th.
        #expect(
            try calendar.due(from: Self.at("2026-02-14T17:00:00+08:00"), businessMinutes: 120)
                == Self.at("2026-02-24T10:00:00+08:00"))
        // 14th (8 h), 24th (9 h), 28th (8 h); Monday 2 March 09:00 is where the count stops.
        #expect(
            try calendar.businessMinutes(
                from: Self.at("2026-02-13T00:00:00+08:00"), to: Self.at("2026-03-02T09:00:00+08:00"))
                == 480 + 540 + 480)
    }

    @Test func anIntervalPastMidnightBelongsToTheDayItStartsOn() throws {
        let calendar = try Self.calendar("UTC", #""mon": [["22:00","06:00"]]"#)
        // Monday's night runs into Tuesday morning…
        #expect(
            try calendar.due(from: Self.at("2026-03-03T05:00:00Z"), businessMinutes: 120)
                == Self.at("2026-03-09T23:00:00Z"))
        // …and a holiday on Tuesday does not close it; one on Monday does.
        let tuesdayOff = try Self.calendar("UTC", #""mon": [["22:00","06:00"]]"#, holidays: ["2026-03-03"])
        #expect(
            try tuesdayOff.due(from: Self.at("2026-03-03T05:00:00Z"), businessMinutes: 30)
                == Self.at("2026-03-03T05:30:00Z"))
        let mondayOff = try Self.calendar("UTC", #""mon": [["22:00","06:00"]]"#, holidays: ["2026-03-02"])
        #expect(
            try mondayOff.due(from: Self.at("2026-03-03T05:00:00Z"), businessMinutes: 30)
                == Self.at("2026-03-09T22:30:00Z"))
    }

    @Test func overlappingIntervalsCountOnce() throws {
        let calendar = try Self.calendar(
            "UTC", #""mon": [["22:00","06:00"], ["09:00","12:00"], ["11:00","13:00"]], "tue": [["05:00","09:00"]]"#)
        #expect(
            try calendar.businessMinutes(from: Self.at("2026-03-02T00:00:00Z"), to: Self.at("2026-03-03T12:00:00Z"))
                == 240 + 120 + 360 + 180)
        let midnight = try Self.calendar("UTC", #""mon": [["18:00","24:00"]], "tue": [["00:00","02:00"]]"#)
        #expect(
            try midnight.due(from: Self.at("2026-03-02T18:00:00Z"), businessMinutes: 360)
                == Self.at("2026-03-03T00:00:00Z"))
        #expect(
            try midnight.due(from: Self.at("2026-03-02T18:00:00Z"), businessMinutes: 361)
                == Self.at("2026-03-03T00:01:00Z"))
    }

    @Test func pausesSpanningClosedHoursStopOnlyOpenMinutes() throws {
        let from = Self.at("2026-01-30T17:00:00+08:00")
        // 17:00–17:30 Friday counts, the pause runs over the weekend to Monday 10:00.
        let due = try shanghai.due(
            from: from, businessMinutes: 240, pauses: [pause("2026-01-30T17:30:00+08:00", "2026-02-02T10:00:00+08:00")])
        #expect(due == Self.at("2026-02-02T14:30:00+08:00"))
        // A pause that lies wholly in closed hours changes nothing; overlapping pauses count once.
        let weekend = pause("2026-01-31T10:00:00+08:00", "2026-02-01T10:00:00+08:00")
        #expect(
            try shanghai.due(from: from, businessMinutes: 240, pauses: [weekend]) == Self.at("2026-02-02T04:00:00Z"))
        let twice = [
            pause("2026-02-02T09:00:00+08:00", "2026-02-02T10:00:00+08:00"),
            pause("2026-02-02T09:30:00+08:00", "2026-02-02T10:30:00+08:00"),
        ]
        #expect(
            try shanghai.due(from: from, businessMinutes: 240, pauses: twice) == Self.at("2026-02-02T14:30:00+08:00"))
        #expect(
            try shanghai.businessMinutes(from: from, to: Self.at("2026-02-02T14:30:00+08:00"), pauses: twice) == 240)
        // A pause that began before the start still holds the clock.
        #expect(
            try shanghai.due(
                from: from, businessMinutes: 10,
                pauses: [pause("2026-01-30T16:00:00+08:00", "2026-01-30T17:20:00+08:00")])
                == Self.at("2026-01-30T17:30:00+08:00"))
    }

    @Test func zeroMinutesIsTheFirstCountedMinute() throws {
        #expect(
            try shanghai.due(from: Self.at("2026-01-30T17:00:30+08:00"), businessMinutes: 0)
                == Self.at("2026-01-30T17:00:00+08:00"))
        #expect(
            try shanghai.due(from: Self.at("2026-01-30T17:59:59+08:00"), businessMinutes: 0)
                == Self.at("2026-01-30T17:59:00+08:00"))
        #expect(
            try shanghai.due(from: Self.at("2026-01-30T18:00:00+08:00"), businessMinutes: 0)
                == Self.at("2026-02-02T09:00:00+08:00"))
        #expect(
            try shanghai.due(
                from: Self.at("2026-01-30T17:00:00+08:00"), businessMinutes: 0,
                pauses: [pause("2026-01-30T16:00:00+08:00", "2026-01-30T17:20:00+08:00")])
                == Self.at("2026-01-30T17:20:00+08:00"))
    }

    @Test func startsAndPausesAreTruncatedToTheMinute() throws {
        #expect(
            try shanghai.due(from: Self.at("2026-01-30T17:00:59.9+08:00"), businessMinutes: 240)
                == Self.at("2026-02-02T04:00:00Z"))
        #expect(
            try shanghai.due(from: Self.at("2026-01-30T17:59:30+08:00"), businessMinutes: 1)
                == Self.at("2026-01-30T18:00:00+08:00"))
        // [17:10:30, 17:20:45) pauses the minutes 17:10 … 17:19.
        let paused = [pause("2026-01-30T17:10:30+08:00", "2026-01-30T17:20:45+08:00")]
        #expect(
            try shanghai.due(from: Self.at("2026-01-30T17:00:00+08:00"), businessMinutes: 60, pauses: paused)
                == Self.at("2026-02-02T09:10:00+08:00"))
        #expect(
            try shanghai.businessMinutes(
                from: Self.at("2026-01-30T17:00:40+08:00"), to: Self.at("2026-01-30T17:30:10+08:00"), pauses: paused)
                == 20)
    }

    @Test func newYorkSpringForwardSkipsAnHour() throws {
        let night = try Self.calendar("America/New_York", #""sun": [["00:00","06:00"]]"#)
        // 8 March 2026: 02:00 EST jumps to 03:00 EDT.
        #expect(
            try night.businessMinutes(from: Self.at("2026-03-08T00:00:00Z"), to: Self.at("2026-03-09T00:00:00Z")) == 300
        )
        #expect(
            try night.due(from: Self.at("2026-03-08T00:00:00-05:00"), businessMinutes: 180)
                == Self.at("2026-03-08T04:00:00-04:00"))
        // An interval 01:30–03:30 holds one real hour that day; one inside the gap none.
        let across = try Self.calendar("America/New_York", #""sun": [["01:30","03:30"]]"#)
        #expect(
            try across.businessMinutes(from: Self.at("2026-03-08T00:00:00Z"), to: Self.at("2026-03-09T00:00:00Z")) == 60
        )
        #expect(
            try across.due(from: Self.at("2026-03-08T00:00:00Z"), businessMinutes: 30)
                == Self.at("2026-03-08T07:00:00Z"))
        let gap = try Self.calendar("America/New_York", #""sun": [["02:00","03:00"]]"#)
        #expect(
            try gap.businessMinutes(from: Self.at("2026-03-08T00:00:00Z"), to: Self.at("2026-03-09T00:00:00Z")) == 0)
        #expect(
            try gap.due(from: Self.at("2026-03-08T00:00:00Z"), businessMinutes: 1)
                == Self.at("2026-03-15T02:01:00-04:00"))
        let fromGap = try Self.calendar("America/New_York", #""sun": [["02:30","04:00"]]"#)
        #expect(
            try fromGap.due(from: Self.at("2026-03-08T00:00:00Z"), businessMinutes: 0)
                == Self.at("2026-03-08T03:00:00-04:00"))
        // A Saturday night shift loses the hour.
        let saturday = try Self.calendar("America/New_York", #""sat": [["22:00","06:00"]]"#)
        #expect(
            try saturday.businessMinutes(from: Self.at("2026-03-07T00:00:00Z"), to: Self.at("2026-03-09T00:00:00Z"))
                == 420)
        // Weekday hours simply move to the new offset.
        let office = BusinessCalendar.standard(in: TimeZone(identifier: "America/New_York")!)
        #expect(
            try office.due(from: Self.at("2026-03-06T17:00:00-05:00"), businessMinutes: 120)
                == Self.at("2026-03-09T14:00:00Z"))
    }

    @Test func newYorkFallBackCountsTheRepeatedHourTwice() throws {
        let night = try Self.calendar("America/New_York", #""sun": [["00:00","06:00"]]"#)
        // 1 November 2026: 02:00 EDT goes back to 01:00 EST.
        #expect(
            try night.businessMinutes(from: Self.at("2026-11-01T00:00:00Z"), to: Self.at("2026-11-02T00:00:00Z")) == 420
        )
        #expect(
            try night.due(from: Self.at("2026-11-01T00:00:00-04:00"), businessMinutes: 180)
                == Self.at("2026-11-01T02:00:00-05:00"))
        // 01:30 is its first occurrence (EDT); the interval holds both 01:00–02:00 hours' minutes after it.
        let repeated = try Self.calendar("America/New_York", #""sun": [["01:30","03:00"]]"#)
        #expect(
            try repeated.businessMinutes(from: Self.at("2026-11-01T00:00:00Z"), to: Self.at("2026-11-02T00:00:00Z"))
                == 150)
        #expect(
            try repeated.due(from: Self.at("2026-11-01T00:00:00Z"), businessMinutes: 0)
                == Self.at("2026-11-01T01:30:00-04:00"))
        let saturday = try Self.calendar("America/New_York", #""sat": [["22:00","06:00"]]"#)
        #expect(
            try saturday.businessMinutes(from: Self.at("2026-10-31T00:00:00Z"), to: Self.at("2026-11-02T00:00:00Z"))
                == 540)
        let office = BusinessCalendar.standard(in: TimeZone(identifier: "America/New_York")!)
        #expect(
            try office.due(from: Self.at("2026-10-30T17:00:00-04:00"), businessMinutes: 120)
                == Self.at("2026-11-02T15:00:00Z"))
    }

    @Test func aCalendarThatNeverOpensWithinThreeYearsIsAnError() throws {
        let from = Self.at("2026-01-05T00:00:00Z")
        let closed = try Self.calendar("UTC", #""sun": []"#)
        #expect(throws: BusinessTimeError.neverOpens(after: from)) { try closed.due(from: from, businessMinutes: 0) }
        #expect(try closed.businessMinutes(from: from, to: Self.at("2030-01-01T00:00:00Z")) == 0)
        // Mondays only, every Monday a holiday for almost six years but one.
        let mondays = (0..<300).map { CalendarDay(year: 2026, month: 1, day: 5)!.adding(days: 7 * $0) }
        func calendar(open: CalendarDay?) throws -> BusinessCalendar {
            try BusinessCalendar(
                timeZone: TimeZone(identifier: "UTC")!, weekly: [.mon: [OpeningInterval(opens: 540, closes: 600)!]],
                holidays: Set(mondays.filter { $0 != open }))
        }
        let late = CalendarDay(year: 2028, month: 6, day: 5)!
        #expect(try calendar(open: late).due(from: from, businessMinutes: 60) == Self.at("2028-06-05T10:00:00Z"))
        #expect(throws: BusinessTimeError.neverOpens(after: Self.at("2028-06-05T10:00:00Z"))) {
            try calendar(open: late).due(from: from, businessMinutes: 61)
        }
        #expect(throws: BusinessTimeError.neverOpens(after: from)) {
            try calendar(open: nil).due(from: from, businessMinutes: 1)
        }
        // A pause that outlasts three years does the same.
        #expect(throws: BusinessTimeError.neverOpens(after: from)) {
            try shanghai.due(
                from: from, businessMinutes: 1, pauses: [pause("2025-01-01T00:00:00Z", "2030-01-01T00:00:00Z")])
        }
    }

    @Test func badInputIsAnError() {
        let from = Self.at("2026-01-30T17:00:00+08:00")
        let pauses = [
            pause("2026-01-30T17:10:00+08:00", "2026-01-30T17:10:00+08:00"),
            pause("2026-01-30T17:10:50+08:00", "2026-01-30T17:10:20+08:00"),
        ]
        #expect(throws: BusinessTimeError.pauseEndsBeforeStart(index: 1)) {
            try shanghai.due(from: from, businessMinutes: 10, pauses: pauses)
        }
        #expect(throws: BusinessTimeError.pauseEndsBeforeStart(index: 1)) {
            try shanghai.businessMinutes(from: from, to: from, pauses: pauses)
        }
        #expect(throws: BusinessTimeError.negativeMinutes(-1)) { try shanghai.due(from: from, businessMinutes: -1) }
        #expect(throws: BusinessTimeError.outOfRange) {
            try shanghai.due(from: Date(timeIntervalSince1970: .infinity), businessMinutes: 1)
        }
        #expect(throws: BusinessTimeError.outOfRange) {
            try shanghai.due(from: Self.at("9999-12-31T17:00:00+08:00"), businessMinutes: 60 * 24 * 30)
        }
    }
}
