import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `GET /api/v1/queue/reports/{name}` (managers and admins): one walk-in queue report of a branch (`branch_id`,
/// required) for a period (`from`, `to`; days and hours in the branch's time zone) as JSON, CSV or SVG (see
/// `ReportDTO`), like the other reports.
struct QueueReportRoutes {
    let reports: QueueReports
    let settings: SettingsRepository
    let views: WebViews

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("queue/reports/:name", use: report)
    }

    @Sendable func report(_ request: Request, context: KefuRequestContext) async throws -> ReportDTO {
        try context.require(.manager)
        guard let name = context.parameters.get("name"), let report = QueueReport(rawValue: name) else {
            let names = QueueReport.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.notFound("No such report; the queue reports are \(names).")
        }
        let format = try ReportDTO.Format(request)
        let filter = try ReportFilter(request, timeZone: try await settings.get().timeZone, now: context.clock.now())
        let data = try await reports.data(filter)
        // The branch's zone, which the report's days and hours are counted in.
        let timeZone = data.timeZone.identifier
        let ui = views.ui(request, context)
        return ReportDTO(
            report: report.build(data), filter: filter, timeZone: timeZone, format: format,
            text: ReportText(ui: ui, timeZone: timeZone), title: ui.t(report.titleKey))
    }
}
