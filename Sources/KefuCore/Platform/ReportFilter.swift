public import Foundation

/// What every report is filtered by: a period of whole local days in the business's time zone
/// (`from` and `to` both included), and optionally one branch and one team.
public struct ReportFilter: Sendable, Equatable {
    public var from: CalendarDay
    public var to: CalendarDay
    public var branchID: UUID?
    public var teamID: UUID?

    /// The period when none is given: the last 30 days, today included.
    public static let defaultDays = 30
    /// The longest period: a year, leap day included.
    public static let maxDays = 366

    public init(from: CalendarDay, to: CalendarDay, branchID: UUID? = nil, teamID: UUID? = nil) {
        self.from = from
        self.to = to
        self.branchID = branchID
        self.teamID = teamID
    }

    /// The filter a request's parameters (`from`, `to` as `YYYY-MM-DD`, `branch_id`, `team_id`)
    /// describe; blank ones take their defaults (`to` today, `from` 29 days before `to`). Every
    /// malformed parameter is a field error under its own name.
    public static func parse(
        from: String?, to: String?, branchID: String?, teamID: String?, today: CalendarDay
    ) throws(ValidationFailure) -> ReportFilter {
        var errors: [FieldError] = []
        func day(_ text: String?, _ field: String) -> CalendarDay? {
            guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
            guard let day = CalendarDay(dateOnly: text) else {
                errors.append(FieldError(field: field, code: "invalid_date", message: "\(field) must be YYYY-MM-DD."))
                return nil
            }
            return day
        }
        func id(_ text: String?, _ field: String) -> UUID? {
            guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
            guard let id = UUID(uuidString: text) else {
                errors.append(FieldError(field: field, code: "invalid_id", message: "\(field) must be a UUID."))
                return nil
            }
            return id
        }
        let start = day(from, "from")
        let end = day(to, "to")
        let filter = ReportFilter(
            from: start ?? (end ?? today).adding(days: 1 - defaultDays), to: end ?? today,
            branchID: id(branchID, "branch_id"), teamID: id(teamID, "team_id"))
        if errors.isEmpty {
            errors += filter.periodErrors
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return filter
    }

    /// The number of days in the period.
    public var days: Int { to.dayNumber - from.dayNumber + 1 }

    private var periodErrors: [FieldError] {
        if to < from {
            return [FieldError(field: "to", code: "before_from", message: "to must not be before from.")]
        }
        if days > Self.maxDays {
            return [
                FieldError(
                    field: "from", code: "period_too_long", message: "The period is at most \(Self.maxDays) days.")
            ]
        }
        return []
    }

    /// The period in UTC, from the first instant of `from` to the first instant after `to` (excluded),
    /// both in `timeZone`: a day is 23 or 25 hours long where daylight saving changes.
    public func interval(in timeZone: TimeZone) -> Range<Date> {
        from.start(in: timeZone)..<to.adding(days: 1).start(in: timeZone)
    }
}
