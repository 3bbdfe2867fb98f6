public import Foundation

/// The date rules of the scheduler, pure so they are tested without a database.
public enum FollowUpSchedule {
    /// A step's due date: the local date of the trigger's instant in `zone` (the branch's, else the
    /// customer's home branch's, else the business's), plus the step's offset.
    public static func dueOn(triggeredAt: Date, in zone: TimeZone, offsetDays: Int) -> CalendarDay {
        CalendarDay(triggeredAt, in: zone).adding(days: offsetDays)
    }

    /// Whether a periodic plan is due for a customer today: `everyDays` have passed since `since`, the due date of
    /// the plan's last task for them (or the plan's creation date when there is none).
    public static func periodicIsDue(since: CalendarDay, everyDays: Int, today: CalendarDay) -> Bool {
        today.dayNumber - since.dayNumber >= everyDays
    }

    /// The occurrence of `date`'s month and day that an anniversary plan `daysBefore` ahead looks for today,
    /// or nil when `date` does not fall on that day. A 29 February falls on 28 February in other years.
    public static func anniversary(of date: CalendarDay, today: CalendarDay, daysBefore: Int) -> CalendarDay? {
        let target = today.adding(days: daysBefore)
        let day =
            date.month == 2 && date.day == 29 && CalendarDay(year: target.year, month: 2, day: 29) == nil
            ? 28 : date.day
        return date.month == target.month && day == target.day ? target : nil
    }

    /// The month-day (`MM-DD`) texts whose dates `anniversary` accepts for `today` and `daysBefore`: the
    /// target's, and 02-29 on 28 February of a common year.
    public static func anniversaryMonthDays(today: CalendarDay, daysBefore: Int) -> [String] {
        let target = today.adding(days: daysBefore)
        let text = String(target.description.suffix(5))
        let leapDayMissing = CalendarDay(year: target.year, month: 2, day: 29) == nil
        return target.month == 2 && target.day == 28 && leapDayMissing ? [text, "02-29"] : [text]
    }
}
