import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/reports/sla` (managers and admins): every SLA report (issue 11 §4) for a period, branch and team, with
/// compliance grouped as chosen (`group_by`, by day unless chosen), each as a chart, a table and a CSV link.
/// The breaches list shows its newest `shownBreaches`; its CSV has them all. A malformed filter or grouping
/// shows the defaults with what was wrong.
struct SLAReportsPage {
    let web: WebRoutes

    /// The breaches a page lists at most.
    static let shownBreaches = 100

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "reports/sla", show)
    }

    struct PageView {
        var form: ReportFilterForm
        var reports: [ReportView]
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let repositories = web.repositories
        let timeZone = try await repositories.settings.get().timeZone
        let ui = web.views.ui(request, context)
        let text = ReportText(ui: ui, timeZone: timeZone)
        var grouping = SLAReport.Grouping.period
        var groupingErrors: [FieldError] = []
        do throws(ValidationFailure) {
            grouping = try SLAReport.Grouping.parse(request.query("group_by"))
        } catch {
            groupingErrors = error.errors
        }
        var form = try await ReportFilterForm.read(
            request, context: context, web: web, action: "/reports/sla",
            groupings: (SLAReport.Grouping.allCases.map(\.rawValue), grouping.rawValue),
            check: repositories.slaReports.check)
        form.add(groupingErrors, ui: ui)
        let filter = form.filter
        var reports: [ReportView] = []
        for kind in SLAReport.allCases {
            var report = try await repositories.slaReports.run(kind, filter: filter, grouping: grouping)
            var note: String?
            if kind == .breaches, report.rows.count > Self.shownBreaches {
                note = ui.t(
                    "report.breaches_shown", ["shown": String(Self.shownBreaches), "total": String(report.rows.count)])
                report.rows = Array(report.rows.prefix(Self.shownBreaches))
            }
            let more: [(String, String?)] = kind == .compliance ? [("group_by", grouping.rawValue)] : []
            reports.append(
                ReportView(
                    report, title: ui.t(kind.titleKey), text: text, csvURL: filter.csvURL("sla/" + kind.rawValue, more),
                    note: note))
        }
        return ui.render(
            "sla_reports", title: ui.t("report.sla_dashboard"), model: PageView(form: form, reports: reports),
            status: form.hasErrors ? .badRequest : .ok)
    }
}
