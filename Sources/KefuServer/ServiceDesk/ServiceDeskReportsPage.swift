import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/reports/service-desk` (managers and admins): the manager's dashboard (issue 10 §5) — every
/// service-desk report for a period (the last 30 days unless chosen), branch and team, each as a
/// chart, a table and a CSV link, then the SLA compliance trend (issue 11 §4) with a link to the other
/// SLA reports. A malformed filter shows the default period with what was wrong.
struct ServiceDeskReportsPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "reports/service-desk", show)
    }

    struct DashboardView {
        var form: ReportFilterForm
        var reports: [ReportView]
        var slaTrend: ReportView
        var slaLink: String
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let repositories = web.repositories
        let timeZone = try await repositories.settings.get().timeZone
        let ui = web.views.ui(request, context)
        let text = ReportText(ui: ui, timeZone: timeZone)
        let form = try await ReportFilterForm.read(
            request, context: context, web: web, action: "/reports/service-desk",
            check: repositories.serviceDeskReports.check)
        let filter = form.filter
        var reports: [ReportView] = []
        for report in ServiceDeskReport.allCases {
            reports.append(
                ReportView(
                    try await repositories.serviceDeskReports.run(report, filter: filter), title: ui.t(report.titleKey),
                    text: text, csvURL: filter.csvURL("service-desk/" + report.rawValue)))
        }
        let trend = ReportView(
            try await repositories.slaReports.run(.trend, filter: filter), title: ui.t(SLAReport.trend.titleKey),
            text: text, csvURL: filter.csvURL("sla/" + SLAReport.trend.rawValue))
        let model = DashboardView(
            form: form, reports: reports, slaTrend: trend,
            slaLink: "/reports/sla?" + WebForm.queryString(filter.queryPairs))
        return ui.render(
            "service_desk_reports", title: ui.t("report.dashboard"), model: model,
            status: form.hasErrors ? .badRequest : .ok)
    }
}
