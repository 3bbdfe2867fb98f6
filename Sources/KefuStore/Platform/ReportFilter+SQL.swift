import Foundation
import KefuCore
import SQLKit

/// What every ticket report's query shares: the filter's references checked, and its condition on tickets.
extension ReportFilter {
    /// Throws a 400 naming `branch_id` or `team_id` when the filter's branch or team does not exist.
    func checkReferences(on sql: any SQLDatabase) async throws {
        let references = [("branches", branchID, "branch_id", "branch"), ("teams", teamID, "team_id", "team")]
        var errors: [FieldError] = []
        for (table, id, field, entity) in references {
            guard let id, try await sql.select().column("id").from(table).where("id", .equal, id).first() == nil
            else { continue }
            errors.append(FieldError(field: field, code: "unknown_" + entity, message: "No such \(entity)."))
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
    }

    /// The condition on `tickets` aliased `t`: not merged into another, `time` (a fixed column, never input;
    /// `t.received_at` unless another instant decides) within `period`, and of the filter's branch and team.
    func ticketScope(_ period: Range<Date>, time: String = "t.received_at") -> SQLQueryString {
        "t.merged_into IS NULL AND " + scope(period, alias: "t", time: time)
    }

    /// The condition on a table aliased `alias` with `branch_id` and `team_id` columns: `time` (a fixed column,
    /// never input) within `period`, and of the filter's branch and team.
    func scope(_ period: Range<Date>, alias: String, time: String) -> SQLQueryString {
        var condition: SQLQueryString = """
            \(unsafeRaw: time) >= \(bind: period.lowerBound) AND \(unsafeRaw: time) < \(bind: period.upperBound)
            """
        if let branchID { condition += " AND \(unsafeRaw: alias).branch_id = \(bind: branchID)" }
        if let teamID { condition += " AND \(unsafeRaw: alias).team_id = \(bind: teamID)" }
        return condition
    }
}
