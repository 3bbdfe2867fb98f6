import Foundation
import KefuCore
import Testing

@Suite("ReportFilter")
struct ReportFilterTests {
    static let today = CalendarDay(year: 2026, month: 12, day: 2)!
    static func zone(_ identifier: String) -> TimeZone { TimeZone(identifier: identifier)! }
    static func utc(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    @Test func blankParametersMeanTheLastThirtyDays() throws {
        let filter = try ReportFilter.parse(from: nil, to: " ", branchID: "", teamID: nil, today: Self.today)
        #expect(filter == ReportFilter(from: CalendarDay(year: 2026, month: 11, day: 3)!, to: Self.today))
        #expect(filter.days == 30)
        let ending = try ReportFilter.parse(from: nil, to: "2026-03-01", branchID: nil, teamID: nil, today: Self.today)
        #expect(ending.from.description == "2026-01-31")
    }

    @Test func eachMalformedParameterIsNamed() {
        #expect(throws: ValidationFailure.self) {
            try ReportFilter.parse(from: "2026-13-01", to: nil, branchID: nil, teamID: nil, today: Self.today)
        }
        do {
            _ = try ReportFilter.parse(
                from: "yesterday", to: "2026-02-30", branchID: "x", teamID: "y", today: Self.today)
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["from", "to", "branch_id", "team_id"])
            #expect(error.errors.map(\.code) == ["invalid_date", "invalid_date", "invalid_id", "invalid_id"])
        }
    }

    @Test func periodsRunForwardsAndAtMostAYear() throws {
        func errors(_ from: String, _ to: String) -> [String] {
            do {
                _ = try ReportFilter.parse(from: from, to: to, branchID: nil, teamID: nil, today: Self.today)
                return []
            } catch {
                return error.errors.map { "\($0.field) \($0.code)" }
            }
        }
        #expect(errors("2026-12-02", "2026-12-01") == ["to before_from"])
        #expect(errors("2025-01-01", "2025-12-31") == [])
        #expect(errors("2024-01-01", "2024-12-31") == [])
        #expect(errors("2024-01-01", "2025-01-01") == ["from period_too_long"])
        #expect(errors("2026-12-02", "2026-12-02") == [])
    }

    @Test func daysAreLocalToTheBusiness() {
        let november = ReportFilter(
            from: CalendarDay(year: 2026, month: 11, day: 1)!, to: CalendarDay(year: 2026, month: 11, day: 30)!)
        #expect(
            november.interval(in: Self.zone("Asia/Shanghai"))
                == Self.utc("2026-10-31T16:00:00Z")..<Self.utc("2026-11-30T16:00:00Z"))
        #expect(
            november.interval(in: Self.zone("UTC")) == Self.utc(
                "2026-11-01T00:00:00Z")..<Self.utc("2026-12-01T00:00:00Z"))
        // New York leaves daylight saving on 1 November 2026: that day has 25 hours.
        let dstEnd = ReportFilter(
            from: CalendarDay(year: 2026, month: 11, day: 1)!, to: CalendarDay(year: 2026, month: 11, day: 1)!)
        let range = dstEnd.interval(in: Self.zone("America/New_York"))
        #expect(range == Self.utc("2026-11-01T04:00:00Z")..<Self.utc("2026-11-02T05:00:00Z"))
        #expect(range.upperBound.timeIntervalSince(range.lowerBound) == 25 * 3600)
    }

    @Test func aMomentFallsOnItsLocalDay() {
        let instant = Self.utc("2026-11-30T16:30:00Z")
        #expect(CalendarDay(instant, in: Self.zone("Asia/Shanghai")).description == "2026-12-01")
        #expect(CalendarDay(instant, in: Self.zone("UTC")).description == "2026-11-30")
        #expect(CalendarDay(instant, in: Self.zone("America/Los_Angeles")).description == "2026-11-30")
    }

    @Test func dayNumbersRoundTrip() {
        for number in [-719_468, -1, 0, 59, 60, 365, 11_016, 20_789, 2_932_896] {
            #expect(CalendarDay(dayNumber: number).dayNumber == number)
        }
        #expect(CalendarDay(dayNumber: 0).description == "1970-01-01")
        #expect(CalendarDay(year: 2024, month: 2, day: 28)!.adding(days: 1).description == "2024-02-29")
        #expect(CalendarDay(year: 2026, month: 12, day: 31)!.adding(days: 1).description == "2027-01-01")
        #expect(CalendarDay(year: 2026, month: 3, day: 1)!.adding(days: -1).description == "2026-02-28")
    }
}
