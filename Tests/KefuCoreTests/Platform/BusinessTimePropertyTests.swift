import Foundation
import KefuCore
import Testing

/// Properties of the business-time arithmetic on a few hundred pseudo-random calendars, starts and pauses
/// (fixed seed), in zones with and without daylight saving (Lord Howe shifts by half an hour).
@Suite struct BusinessTimePropertyTests {
    static let zones = ["Asia/Shanghai", "America/New_York", "UTC", "Europe/London", "Australia/Lord_Howe"]
    static let firstDay = CalendarDay(year: 2026, month: 1, day: 1)!

    struct Case {
        var calendar: BusinessCalendar
        var from: Date
        var pauses: [ClockPause]
    }

    static func cases(seed: UInt64, count: Int = 300, zones: [String] = zones) -> [Case] {
        var random = SplitMix(seed: seed)
        func int(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        return (0..<count).map { _ in
            var weekly: [Weekday: [OpeningInterval]] = [:]
            for day in Weekday.allCases {
                weekly[day] = (0..<int(3)).map { _ in
                    let opens = int(1440)
                    return OpeningInterval(opens: opens, closes: (opens + 1 + int(1439)) % 1441)!
                }
            }
            weekly[.mon, default: []].append(OpeningInterval(opens: 540, closes: 1080)!)
            let days = (0..<int(12)).map { _ in firstDay.adding(days: int(730)) }
            let holidays = Set(days.prefix(days.count / 2))
            let calendar = try! BusinessCalendar(
                timeZone: TimeZone(identifier: zones[int(zones.count)])!, weekly: weekly, holidays: holidays,
                extraWorkdays: Set(days.dropFirst(days.count / 2)).subtracting(holidays))
            let from = firstDay.start(in: TimeZone(identifier: "UTC")!).addingTimeInterval(Double(int(720 * 86_400)))
            let pauses = (0..<int(4)).map { _ in
                let start = from.addingTimeInterval(Double(int(40_000 * 60)) - 4000 * 60)
                return ClockPause(from: start, to: start.addingTimeInterval(Double(int(5000 * 60))))
            }
            return Case(calendar: calendar, from: from, pauses: pauses)
        }
    }

    @Test func addingAPauseNeverMakesADueTimeEarlier() throws {
        var random = SplitMix(seed: 7)
        for item in Self.cases(seed: 1) {
            let minutes = Int(random.next() % 5000)
            let without = try item.calendar.due(
                from: item.from, businessMinutes: minutes, pauses: item.pauses.dropLast())
            let with = try item.calendar.due(from: item.from, businessMinutes: minutes, pauses: item.pauses)
            #expect(with >= without, "\(item.calendar.timeZone.identifier) \(item.from) \(minutes)")
        }
    }

    @Test func dueTimesAdd() throws {
        var random = SplitMix(seed: 8)
        for item in Self.cases(seed: 2) {
            let a = Int(random.next() % 3000), b = 1 + Int(random.next() % 3000)
            let whole = try item.calendar.due(from: item.from, businessMinutes: a + b)
            let halves = try item.calendar.due(
                from: item.calendar.due(from: item.from, businessMinutes: a), businessMinutes: b)
            #expect(whole == halves, "\(item.calendar.timeZone.identifier) \(item.from) \(a) + \(b)")
        }
    }

    @Test func countingUpToADueTimeGivesItsMinutes() throws {
        var random = SplitMix(seed: 9)
        for item in Self.cases(seed: 3) {
            let minutes = Int(random.next() % 5000)
            let due = try item.calendar.due(from: item.from, businessMinutes: minutes, pauses: item.pauses)
            #expect(
                try item.calendar.businessMinutes(from: item.from, to: due, pauses: item.pauses) == minutes,
                "\(item.calendar.timeZone.identifier) \(item.from) \(minutes)")
        }
    }

    /// In zones without daylight saving, a minute-by-minute count written from the rules alone.
    @Test func agreesWithCountingMinuteByMinute() throws {
        var random = SplitMix(seed: 10)
        for item in Self.cases(seed: 4, count: 150, zones: ["Asia/Shanghai", "UTC"]) {
            let to = item.from.addingTimeInterval(Double(random.next() % (4 * 86_400)))
            #expect(
                try item.calendar.businessMinutes(from: item.from, to: to, pauses: item.pauses)
                    == Self.referenceCount(item, to: to),
                "\(item.calendar.timeZone.identifier) \(item.from) \(to)")
        }
    }

    static func referenceCount(_ item: Case, to: Date) -> Int {
        let calendar = item.calendar
        let offset = calendar.timeZone.secondsFromGMT() / 60
        func minute(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 60).rounded(.down)) }
        func intervals(_ day: CalendarDay) -> [OpeningInterval] {
            if calendar.holidays.contains(day) { return [] }
            return calendar.hours(on: calendar.extraWorkdays.contains(day) ? .mon : Weekday(day))
        }
        let pauses = item.pauses.map { minute($0.from)..<minute($0.to) }
        var count = 0
        for utc in minute(item.from)..<max(minute(item.from), minute(to))
        where !pauses.contains(where: { $0.contains(utc) }) {
            let local = utc + offset
            let dayNumber = Int((Double(local) / 1440).rounded(.down))
            let time = local - dayNumber * 1440
            let day = CalendarDay(dayNumber: dayNumber)
            let today = intervals(day).contains {
                $0.runsPastMidnight ? time >= $0.opens : ($0.opens..<$0.closes).contains(time)
            }
            let lastNight = intervals(day.adding(days: -1)).contains { $0.runsPastMidnight && time < $0.closes }
            if today || lastNight { count += 1 }
        }
        return count
    }
}
