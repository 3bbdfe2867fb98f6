import Foundation
import KefuCore
import Testing

@Suite("Follow-up dates")
struct FollowUpScheduleTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let newYork = TimeZone(identifier: "America/New_York")!

    static func instant(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    @Test func theLocalDateOfTheTriggerPlusTheOffsetAcrossShanghaiMidnight() {
        // 15:59:59Z is 23:59:59 in Shanghai, 16:00Z the next day's midnight.
        let before = FollowUpSchedule.dueOn(
            triggeredAt: Self.instant("2026-03-01T15:59:59Z"), in: Self.shanghai, offsetDays: 1)
        let after = FollowUpSchedule.dueOn(
            triggeredAt: Self.instant("2026-03-01T16:00:00Z"), in: Self.shanghai, offsetDays: 1)
        #expect(before.description == "2026-03-02" && after.description == "2026-03-03")
        #expect(
            FollowUpSchedule.dueOn(triggeredAt: Self.instant("2026-03-01T16:00:00Z"), in: .gmt, offsetDays: 0)
                .description == "2026-03-01")
    }

    @Test func offsetsAreCalendarDaysAcrossADaylightSavingChange() {
        // New York springs forward on 2026-03-08: a day of 23 hours does not shift the date.
        let evening = Self.instant("2026-03-08T04:30:00Z")  // 23:30 on 7 March, EST
        #expect(
            FollowUpSchedule.dueOn(triggeredAt: evening, in: Self.newYork, offsetDays: 0).description == "2026-03-07")
        #expect(
            FollowUpSchedule.dueOn(triggeredAt: evening, in: Self.newYork, offsetDays: 1).description == "2026-03-08")
        #expect(
            FollowUpSchedule.dueOn(triggeredAt: evening, in: Self.newYork, offsetDays: 7).description == "2026-03-14")
        // 04:30Z on 9 March is 00:30 EDT: already the 9th locally.
        let night = Self.instant("2026-03-09T04:30:00Z")
        #expect(FollowUpSchedule.dueOn(triggeredAt: night, in: Self.newYork, offsetDays: 3).description == "2026-03-12")
    }

    @Test func periodicIsDueOnceEveryDaysHavePassed() {
        let since = CalendarDay(year: 2026, month: 1, day: 1)!
        #expect(!FollowUpSchedule.periodicIsDue(since: since, everyDays: 30, today: since.adding(days: 29)))
        #expect(FollowUpSchedule.periodicIsDue(since: since, everyDays: 30, today: since.adding(days: 30)))
    }

    @Test func anniversariesLookDaysBeforeAndPlaceTheLeapDay() {
        let birthday = CalendarDay(year: 1990, month: 3, day: 14)!
        let today = CalendarDay(year: 2026, month: 3, day: 7)!
        #expect(FollowUpSchedule.anniversary(of: birthday, today: today, daysBefore: 7)?.description == "2026-03-14")
        #expect(FollowUpSchedule.anniversary(of: birthday, today: today, daysBefore: 6) == nil)
        let leap = CalendarDay(year: 1992, month: 2, day: 29)!
        let common = CalendarDay(year: 2026, month: 2, day: 28)!
        #expect(FollowUpSchedule.anniversary(of: leap, today: common, daysBefore: 0) == common)
        #expect(FollowUpSchedule.anniversaryMonthDays(today: common, daysBefore: 0) == ["02-28", "02-29"])
        let leapYear = CalendarDay(year: 2028, month: 2, day: 28)!
        #expect(FollowUpSchedule.anniversary(of: leap, today: leapYear, daysBefore: 0) == nil)
        #expect(FollowUpSchedule.anniversaryMonthDays(today: leapYear, daysBefore: 1) == ["02-29"])
        // Across the new year: the anniversary is next year's.
        let december = CalendarDay(year: 2026, month: 12, day: 30)!
        #expect(
            FollowUpSchedule.anniversary(
                of: CalendarDay(year: 1980, month: 1, day: 2)!, today: december, daysBefore: 3)?
                .description == "2027-01-02")
    }

    @Test func escalationWaitsForTheGraceToEnd() {
        let today = CalendarDay(year: 2026, month: 3, day: 11)!
        #expect(FollowUpSettings().escalationCutoff(today: today).description == "2026-03-09")
        #expect(FollowUpSettings(escalateAfterDays: 0).escalationCutoff(today: today).description == "2026-03-10")
        #expect(
            FollowUpSettings(escalateAfterDays: 400).validationErrors().map(\.field) == [
                "follow_ups.escalate_after_days"
            ])
    }

    @Test func purchaseConditions() {
        let trigger = FollowUpTrigger(kind: .purchase, minTotal: 1_000, skuPrefix: "LAT")
        #expect(trigger.matchesPurchase(total: 1_000, skus: ["CAKE", "LATTE"]))
        #expect(!trigger.matchesPurchase(total: 999, skus: ["LATTE"]))
        #expect(!trigger.matchesPurchase(total: 5_000, skus: ["CAKE"]))
        #expect(FollowUpTrigger(kind: .purchase).matchesPurchase(total: 0, skus: []))
    }
}
