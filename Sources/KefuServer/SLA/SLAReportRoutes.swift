import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `GET /api/v1/reports/sla/{name}` (managers and admins): one SLA report for a period (`from`, `to`), branch
/// and team — compliance per `group_by` — as JSON, CSV or SVG (see `ReportDTO`).
struct SLAReportRoutes {
    let reports: SLAReports
    let settings: SettingsRepository
    let views: WebViews

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("reports/sla/:name", use: report)
    }

    @Sendable func report(_ request: Request, context: KefuRequestContext) async throws -> ReportDTO {
        try context.require(.manager)
        guard let name = context.parameters.get("name"), let report = SLAReport(rawValue: name) else {
            let names = SLAReport.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.notFound("No such report; the SLA reports are \(names).")
        }
        let format = try ReportDTO.Format(request)
        let grouping = try SLAReport.Grouping(request)
        let timeZone = try await settings.get().timeZone
        let filter = try ReportFilter(request, timeZone: timeZone, now: context.clock.now())
        let ui = views.ui(request, context)
        return ReportDTO(
            report: try await reports.run(report, filter: filter, grouping: grouping), filter: filter,
            timeZone: timeZone, format: format, text: ReportText(ui: ui, timeZone: timeZone),
            title: ui.t(report.titleKey))
    }
}
