import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/queue/reports` (managers and admins): the walk-in queue reports (issue 14 §9) of one branch (the first unless
/// chosen) for a period — how accurate the promised waits were at the top, then each report as a chart, a table
/// and a CSV link. A malformed filter shows the defaults with what was wrong (400).
struct QueueReportsPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "queue/reports", show)
    }

    struct PageView {
        var form: ReportFilterForm
        /// Nil without a branch to report on.
        var accuracy: Accuracy?
        var reports: [ReportView]
    }

    /// The branch's estimate accuracy over the period: the tickets measured, the mean absolute error in minutes
    /// and the share called inside their range, as the table would show them.
    struct Accuracy {
        var title: String
        var figures: [Figure]
        var csvURL: String

        struct Figure {
            var label: String
            var value: String
        }
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let repositories = web.repositories
        let ui = web.views.ui(request, context)
        let form = try await ReportFilterForm.read(
            request, context: context, web: web, action: "/queue/reports", branchRequired: true,
            check: repositories.queueReports.check)
        let filter = form.filter
        var accuracy: Accuracy?
        var reports: [ReportView] = []
        if filter.branchID != nil {
            let data = try await repositories.queueReports.data(filter)
            let text = ReportText(ui: ui, timeZone: data.timeZone.identifier)
            func csvURL(_ kind: QueueReport) -> String { filter.csvURL(kind.rawValue, under: "/api/v1/queue/reports/") }
            for kind in QueueReport.allCases {
                let report = kind.build(data)
                guard kind != .accuracy else {
                    accuracy = Accuracy(
                        title: ui.t(kind.titleKey),
                        figures: report.columns.indices.map { index in
                            Accuracy.Figure(
                                label: ui.t(report.columns[index].labelKey),
                                value: text.cell(report, report.rows[0], index))
                        }, csvURL: csvURL(kind))
                    continue
                }
                reports.append(ReportView(report, title: ui.t(kind.titleKey), text: text, csvURL: csvURL(kind)))
            }
        }
        return ui.render(
            "queue_reports", title: ui.t("report.queue_dashboard"),
            model: PageView(form: form, accuracy: accuracy, reports: reports),
            status: form.hasErrors ? .badRequest : .ok)
    }
}
