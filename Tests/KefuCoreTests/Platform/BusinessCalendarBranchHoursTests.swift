import Foundation
import KefuCore
import Testing

/// A branch's `business_hours` as a summary of its calendar, and written back into it.
@Suite struct BusinessCalendarBranchHoursTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    @Test func businessHoursBecomeOneIntervalPerOpenDay() {
        let calendar = BusinessCalendar.branchHours(
            ["mon": "09:00-18:00", "sat": "10:00-24:00", "sun": nil], timeZone: Self.shanghai)
        #expect(calendar.hours(on: .mon) == [OpeningInterval(opens: 540, closes: 1080)!])
        #expect(calendar.hours(on: .sat) == [OpeningInterval(opens: 600, closes: 1440)!])
        #expect(calendar.hours(on: .tue).isEmpty && calendar.hours(on: .sun).isEmpty && calendar.holidays.isEmpty)
    }

    @Test func theSummaryRunsFromFirstOpeningToLastClosing() throws {
        let calendar = try BusinessCalendarTests.calendar(
            #"{"time_zone": "Asia/Shanghai", "weekly": {"mon": [["13:00","18:00"],["09:00","12:00"]], "fri": [["22:00","06:00"],["08:00","10:00"]]}}"#
        )
        let hours = calendar.branchHours
        #expect(hours["mon"] == "09:00-18:00" && hours["fri"] == "08:00-24:00" && hours["sun"] == .some(nil))
        #expect(hours.count == 7)
    }

    @Test func replacingHoursKeepsTheOtherDaysAndTheDates() throws {
        let calendar = try BusinessCalendarTests.calendar(BusinessCalendarTests.issueJSON)
        let changed = calendar.replacingHours(["sat": "10:00-16:00", "mon": nil, "xyz": "09:00-10:00"])
        #expect(
            changed.hours(on: .sat) == [OpeningInterval(opens: 600, closes: 960)!] && changed.hours(on: .mon).isEmpty)
        #expect(changed.hours(on: .tue) == calendar.hours(on: .tue))
        #expect(changed.holidays == calendar.holidays && changed.extraWorkdays == calendar.extraWorkdays)
    }

    @Test func branchHoursTextIsOneDay() {
        #expect(OpeningInterval(hoursText: "09:00-24:00") != nil)
        for bad in ["18:00-09:00", "09:00-09:00", "9:00-18:00", "09:00", "24:00-24:00", "09:00-18:00-19:00"] {
            #expect(OpeningInterval(hoursText: bad) == nil, "\(bad)")
        }
    }
}
