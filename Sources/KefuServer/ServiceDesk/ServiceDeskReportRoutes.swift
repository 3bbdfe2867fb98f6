import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `GET /api/v1/reports/service-desk/{name}` (managers and admins): one service-desk report for a
/// period (`from`, `to`), branch and team, as JSON, CSV or SVG (see `ReportDTO`).
struct ServiceDeskReportRoutes {
    let reports: ServiceDeskReports
    let settings: SettingsRepository
    let views: WebViews

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("reports/service-desk/:name", use: report)
    }

    @Sendable func report(_ request: Request, context: KefuRequestContext) async throws -> ReportDTO {
        try context.require(.manager)
        guard let name = context.parameters.get("name"), let report = ServiceDeskReport(rawValue: name) else {
            let names = ServiceDeskReport.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.notFound("No such report; the service-desk reports are \(names).")
        }
        let format = try ReportDTO.Format(request)
        let timeZone = try await settings.get().timeZone
        let filter = try ReportFilter(request, timeZone: timeZone, now: context.clock.now())
        let ui = views.ui(request, context)
        return ReportDTO(
            report: try await reports.run(report, filter: filter), filter: filter, timeZone: timeZone, format: format,
            text: ReportText(ui: ui, timeZone: timeZone), title: ui.t(report.titleKey))
    }
}
