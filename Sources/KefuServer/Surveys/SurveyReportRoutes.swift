import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `GET /api/v1/reports/surveys/{name}` (managers and admins): one survey report for a period (`from`, `to`),
/// branch and team — `scores` per `group_by`, optionally of one survey (`survey_id`, which the SERVQUAL reports
/// need) — as JSON, CSV or SVG (see `ReportDTO`).
struct SurveyReportRoutes {
    let reports: SurveyReports
    let settings: SettingsRepository
    let views: WebViews

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("reports/surveys/:name", use: report)
    }

    @Sendable func report(_ request: Request, context: KefuRequestContext) async throws -> ReportDTO {
        try context.require(.manager)
        guard let name = context.parameters.get("name"), let report = SurveyReport(rawValue: name) else {
            let names = SurveyReport.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.notFound("No such report; the survey reports are \(names).")
        }
        let format = try ReportDTO.Format(request)
        let grouping = try SurveyReport.Grouping(request)
        let surveyID = try request.queryUUID("survey_id")
        let timeZone = try await settings.get().timeZone
        let filter = try ReportFilter(request, timeZone: timeZone, now: context.clock.now())
        let ui = views.ui(request, context)
        return ReportDTO(
            report: try await reports.run(report, filter: filter, grouping: grouping, surveyID: surveyID),
            filter: filter, timeZone: timeZone, format: format, text: ReportText(ui: ui, timeZone: timeZone),
            title: ui.t(report.titleKey))
    }
}
