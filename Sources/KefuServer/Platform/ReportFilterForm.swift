import Foundation
import Hummingbird
import KefuCore

/// The filter form of a report page (the `report_filter` partial): the period, branch and team chosen, and
/// optionally how to group. A malformed choice, or a branch or team that does not exist, shows the default
/// period with what was wrong, so the page still answers (with a 400).
struct ReportFilterForm {
    var action: String
    var from: String
    var to: String
    var branches: [Option]
    var teams: [Option]
    /// The `group_by` choices; empty where the page has none.
    var groupings: [Option]
    var hasGroupings: Bool
    /// The `survey_id` choices, on the survey reports; empty elsewhere.
    var surveys: [Option] = []
    var hasSurveys = false
    /// Whether the report is filtered by period only (no branch or team choice).
    var periodOnly = false
    /// Whether the report is of one branch (no "all branches" choice, no team choice).
    var branchRequired = false
    var errors: [String]
    var hasErrors: Bool
    /// The filter the page shows, after any fallback.
    var filter: ReportFilter

    /// The form for `request` to the page at `action`, with the `group_by` choices when the page groups;
    /// `check` throws `DomainError.invalid` for a branch or team that does not exist. With `branchRequired`, a
    /// filter without a branch (or falling back) takes the first branch.
    static func read(
        _ request: Request, context: KefuRequestContext, web: WebRoutes, action: String,
        groupings: (options: [String], selected: String)? = nil, branchRequired: Bool = false,
        check: (ReportFilter) async throws -> Void
    ) async throws -> ReportFilterForm {
        let repositories = web.repositories
        let timeZone = try await repositories.settings.get().timeZone
        let ui = web.views.ui(request, context)
        let branches = try await repositories.branches.list()
        let fallbackBranch = branchRequired ? branches.first?.id : nil
        var filter: ReportFilter
        var errors: [String] = []
        do {
            var chosen = try ReportFilter(request, timeZone: timeZone, now: context.clock.now())
            chosen.branchID = chosen.branchID ?? fallbackBranch
            try await check(chosen)
            filter = chosen
        } catch DomainError.invalid(let fields) {
            errors = fields.map { ui.t("report.error." + $0.code, ["field": $0.field]) }
            filter = ReportFilter.standard(timeZone: timeZone, now: context.clock.now())
            filter.branchID = fallbackBranch
        }
        let teams = try await repositories.teams.list()
        return ReportFilterForm(
            action: action, from: filter.from.description, to: filter.to.description,
            branches: ui.options(
                branches.map(\.id.uuidString), selected: filter.branchID?.uuidString,
                label: { id in branches.first { $0.id.uuidString == id }?.profile.name ?? id },
                blank: branchRequired ? nil : ui.t("report.all_branches")),
            teams: ui.options(
                teams.map(\.id.uuidString), selected: filter.teamID?.uuidString,
                label: { id in teams.first { $0.id.uuidString == id }?.name ?? id }, blank: ui.t("report.all_teams")),
            groupings: groupings.map { choice in
                ui.options(choice.options, selected: choice.selected, label: { ui.t("report.group." + $0) })
            } ?? [],
            hasGroupings: groupings != nil, branchRequired: branchRequired, errors: errors, hasErrors: !errors.isEmpty,
            filter: filter)
    }

    /// Adds an error found outside the filter (another parameter of the page).
    mutating func add(_ fields: [FieldError], ui: WebUI) {
        errors += fields.map { ui.t("report.error." + $0.code, ["field": $0.field]) }
        hasErrors = !errors.isEmpty
    }
}
