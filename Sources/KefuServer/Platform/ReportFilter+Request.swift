import Foundation
import Hummingbird
import KefuCore

extension ReportFilter {
    /// The filter in a request's query (`from`, `to`, `branch_id`, `team_id`), the period's defaults
    /// counted back from today in the business's time zone; every malformed parameter is a 400 naming it.
    init(_ request: Request, timeZone: String, now: Date) throws {
        let fields = request.queryFields
        do throws(ValidationFailure) {
            self = try ReportFilter.parse(
                from: fields.string("from"), to: fields.string("to"), branchID: fields.string("branch_id"),
                teamID: fields.string("team_id"), today: Self.today(timeZone: timeZone, now: now))
        } catch {
            throw DomainError.invalid(error)
        }
    }

    /// The default filter: the last 30 days, every branch and team.
    static func standard(timeZone: String, now: Date) -> ReportFilter {
        let last = today(timeZone: timeZone, now: now)
        return ReportFilter(from: last.adding(days: 1 - defaultDays), to: last)
    }

    private static func today(timeZone: String, now: Date) -> CalendarDay {
        CalendarDay(now, in: TimeZone(identifier: timeZone) ?? .gmt)
    }

    /// The filter as query parameters, for links that keep it.
    var queryPairs: [(String, String?)] {
        [
            ("from", from.description), ("to", to.description), ("branch_id", branchID?.uuidString),
            ("team_id", teamID?.uuidString),
        ]
    }

    /// The CSV download of the API report at `path` (under `base`, `/api/v1/reports/` unless the capability keeps
    /// its reports elsewhere) for this filter, with `more` parameters.
    func csvURL(_ path: String, _ more: [(String, String?)] = [], under base: String = "/api/v1/reports/") -> String {
        base + path + "?" + WebForm.queryString([("format", "csv")] + more + queryPairs)
    }
}
