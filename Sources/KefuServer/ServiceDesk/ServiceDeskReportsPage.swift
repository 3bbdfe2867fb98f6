import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/reports/service-desk` (managers and admins): the manager's dashboard (issue 10 §5) — every
/// service-desk report for a period (the last 30 days unless chosen), branch and team, each as a
/// chart, a table and a CSV link. A malformed filter shows the default period with what was wrong.
struct ServiceDeskReportsPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "reports/service-desk", show)
    }

    struct DashboardView {
        var from: String
        var to: String
        var branches: [Option]
        var teams: [Option]
        var errors: [String]
        var hasErrors: Bool
        var reports: [ReportView]
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let repositories = web.repositories
        let timeZone = try await repositories.settings.get().timeZone
        let ui = web.views.ui(request, context)
        let filter: ReportFilter
        var errors: [String] = []
        do {
            let chosen = try ReportFilter(request, timeZone: timeZone, now: context.clock.now())
            try await repositories.serviceDeskReports.check(chosen)
            filter = chosen
        } catch DomainError.invalid(let fields) {
            errors = fields.map { ui.t("report.error." + $0.code, ["field": $0.field]) }
            filter = ReportFilter.standard(timeZone: timeZone, now: context.clock.now())
        }
        var reports: [ReportView] = []
        for report in ServiceDeskReport.allCases {
            let csv =
                "/api/v1/reports/service-desk/\(report.rawValue)?"
                + WebForm.queryString([("format", "csv")] + filter.queryPairs)
            reports.append(
                ReportView(
                    try await repositories.serviceDeskReports.run(report, filter: filter), title: ui.t(report.titleKey),
                    ui: ui, csvURL: csv))
        }
        let branches = try await repositories.branches.list()
        let teams = try await repositories.teams.list()
        let model = DashboardView(
            from: filter.from.description, to: filter.to.description,
            branches: ui.options(
                branches.map(\.id.uuidString), selected: filter.branchID?.uuidString,
                label: { id in branches.first { $0.id.uuidString == id }?.profile.name ?? id },
                blank: ui.t("report.all_branches")),
            teams: ui.options(
                teams.map(\.id.uuidString), selected: filter.teamID?.uuidString,
                label: { id in teams.first { $0.id.uuidString == id }?.name ?? id }, blank: ui.t("report.all_teams")),
            errors: errors, hasErrors: !errors.isEmpty, reports: reports)
        return ui.render(
            "service_desk_reports", title: ui.t("report.dashboard"), model: model,
            status: errors.isEmpty ? .ok : .badRequest)
    }
}
