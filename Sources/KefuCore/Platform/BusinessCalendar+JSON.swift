import Foundation

/// The calendar JSON the API takes and returns and `kefu calc due` reads:
/// `{"time_zone": "Asia/Shanghai", "weekly": {"mon": [["09:00","12:00"],["13:00","18:00"]], …, "sun": []},
/// "holidays": ["2026-02-16"], "extra_workdays": ["2026-02-14"]}`.
extension BusinessCalendar: Codable {
    enum CodingKeys: String, CodingKey {
        case timeZone = "time_zone"
        case weekly, holidays
        case extraWorkdays = "extra_workdays"
    }

    /// A body of the wrong shape throws `DecodingError`; values that break a rule throw
    /// `ValidationFailure` naming every problem. Missing days and lists are closed and empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            timeZoneID: c.decodeIfPresent(String.self, forKey: .timeZone),
            weekly: c.decodeIfPresent([String: [[String]]].self, forKey: .weekly) ?? [:],
            holidays: c.decodeIfPresent([String].self, forKey: .holidays) ?? [],
            extraWorkdays: c.decodeIfPresent([String].self, forKey: .extraWorkdays) ?? [])
    }

    /// Every weekday (closed ones as `[]`), times as "HH:MM", dates sorted.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(timeZone.identifier, forKey: .timeZone)
        var weekly = c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .weekly)
        for day in Weekday.allCases {
            try weekly.encode(
                hours(on: day).map { [$0.text.opens, $0.text.closes] }, forKey: AnyCodingKey(day.rawValue))
        }
        try c.encode(holidays.map(\.description), forKey: .holidays)
        try c.encode(extraWorkdays.map(\.description), forKey: .extraWorkdays)
    }

    /// The calendar from its JSON values as text (what decoding and forms hand in), or every problem, each
    /// naming its JSON field: `time_zone`, `weekly.mon[1]`, `holidays[0]`, `extra_workdays`.
    public init(
        timeZoneID: String?, weekly: [String: [[String]]], holidays: [String], extraWorkdays: [String]
    ) throws(ValidationFailure) {
        var errors: [FieldError] = []
        let zoneID = timeZoneID?.trimmingWhitespace() ?? ""
        let zone = TimeZone(identifier: zoneID)
        if zoneID.isEmpty {
            errors.append(FieldError(field: "time_zone", code: "required", message: "The time zone is required."))
        } else if zone == nil {
            errors.append(
                FieldError(
                    field: "time_zone", code: "invalid_time_zone", message: "\"\(zoneID)\" is not a known time zone."))
        }
        var hours: [Weekday: [OpeningInterval]] = [:]
        let keys = weekly.keys.sorted {
            (Weekday(rawValue: $0)?.index ?? 7, $0) < (Weekday(rawValue: $1)?.index ?? 7, $1)
        }
        for key in keys {
            guard let day = Weekday(rawValue: key) else {
                errors.append(
                    FieldError(
                        field: "weekly.\(key)", code: "unknown_day",
                        message: "Days are mon, tue, wed, thu, fri, sat and sun."))
                continue
            }
            for (index, pair) in weekly[key]!.enumerated() {
                switch Self.interval(pair) {
                case .success(let interval): hours[day, default: []].append(interval)
                case .failure(let error):
                    errors.append(
                        FieldError(field: "weekly.\(key)[\(index)]", code: error.code, message: error.message))
                }
            }
        }
        let holidayDays = Self.days(holidays, field: "holidays", errors: &errors)
        let extraDays = Self.days(extraWorkdays, field: "extra_workdays", errors: &errors)
        errors += Self.clashes(holidays: holidayDays, extraWorkdays: extraDays)
        guard errors.isEmpty, let zone else { throw ValidationFailure(errors) }
        try self.init(timeZone: zone, weekly: hours, holidays: holidayDays, extraWorkdays: extraDays)
    }

    private struct IntervalError: Error {
        var code: String
        var message: String
    }

    private static func interval(_ pair: [String]) -> Result<OpeningInterval, IntervalError> {
        guard pair.count == 2 else {
            return .failure(
                IntervalError(
                    code: "invalid_interval", message: "An interval is a start and an end: [\"09:00\", \"18:00\"]."))
        }
        guard let opens = OpeningInterval.minutes(pair[0], allowingMidnightEnd: false),
            let closes = OpeningInterval.minutes(pair[1], allowingMidnightEnd: true)
        else {
            return .failure(
                IntervalError(
                    code: "invalid_time", message: "Times are written HH:MM, 00:00 to 23:59; an end may be 24:00."))
        }
        guard let interval = OpeningInterval(opens: opens, closes: closes) else {
            return .failure(IntervalError(code: "empty_interval", message: "An interval's start and end must differ."))
        }
        return .success(interval)
    }

    private static func days(_ texts: [String], field: String, errors: inout [FieldError]) -> Set<CalendarDay> {
        var days: Set<CalendarDay> = []
        for (index, text) in texts.enumerated() {
            if let day = CalendarDay(dateOnly: text) {
                days.insert(day)
            } else {
                errors.append(
                    FieldError(
                        field: "\(field)[\(index)]", code: "invalid_date",
                        message: "\"\(text)\" is not a date written YYYY-MM-DD."))
            }
        }
        return days
    }
}
