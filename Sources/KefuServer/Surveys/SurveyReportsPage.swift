import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/reports/surveys` (managers and admins): the survey reports (issue 13 §3) for a period, branch and team — the
/// scores per `group_by` (by week unless chosen), the weekly trend, NPS's spread and the campaigns' response rates,
/// of every survey or the one chosen (`survey_id`) — and the SERVQUAL reports of the chosen SERVQUAL survey, else
/// of the newest one. Each is a chart, a table and a CSV link. A malformed choice shows the defaults with what was
/// wrong (400).
struct SurveyReportsPage {
    let web: WebRoutes

    /// The surveys the filter offers at most, newest first.
    static let offeredSurveys = 200

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "reports/surveys", show)
    }

    struct PageView {
        var form: ReportFilterForm
        var reports: [ReportView]
        /// The SERVQUAL survey its reports describe, and them; nil without a SERVQUAL survey to show.
        var servqual: Servqual?

        struct Servqual {
            var title: String
            var url: String
            var reports: [ReportView]
        }
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let repositories = web.repositories
        let timeZone = try await repositories.settings.get().timeZone
        let ui = web.views.ui(request, context)
        let text = ReportText(ui: ui, timeZone: timeZone)
        var errors: [FieldError] = []
        var grouping = SurveyReport.Grouping.week
        do throws(ValidationFailure) {
            grouping = try SurveyReport.Grouping.parse(request.query("group_by"))
        } catch {
            errors += error.errors
        }
        let surveys = try await repositories.surveys.list(limit: Self.offeredSurveys, cursor: nil).items
        var chosen: Survey?
        if let raw = request.query("survey_id") {
            chosen = surveys.first { $0.id.uuidString == raw.uppercased() }
            if chosen == nil {
                errors.append(FieldError(field: "survey_id", code: "unknown_survey", message: "No such survey."))
            }
        }
        var form = try await ReportFilterForm.read(
            request, context: context, web: web, action: "/reports/surveys",
            groupings: (SurveyReport.Grouping.allCases.map(\.rawValue), grouping.rawValue),
            check: { try await repositories.surveyReports.check($0, surveyID: nil) })
        form.add(errors, ui: ui)
        form.surveys = ui.options(
            surveys.map(\.id.uuidString), selected: chosen?.id.uuidString,
            label: { id in
                let survey = surveys.first { $0.id.uuidString == id }
                return (survey?.title(chinese: ui.language == .zhHans) ?? id) + " · "
                    + ui.t("survey.kind." + (survey?.kind.rawValue ?? ""))
            }, blank: ui.t("report.all_surveys"))
        form.hasSurveys = true
        let filter = form.filter
        func view(_ kind: SurveyReport, survey: Survey?, score: ServqualScore? = nil) async throws -> ReportView {
            let report =
                if let score {
                    SurveyReport.servqual(kind, score)
                } else {
                    try await repositories.surveyReports.run(
                        kind, filter: filter, grouping: grouping, surveyID: survey?.id)
                }
            let more: [(String, String?)] = [
                ("group_by", kind == .scores ? grouping.rawValue : nil), ("survey_id", survey?.id.uuidString),
            ]
            return ReportView(
                report, title: ui.t(kind.titleKey), text: text, csvURL: filter.csvURL("surveys/" + kind.rawValue, more))
        }
        var reports: [ReportView] = []
        for kind in SurveyReport.allCases where !kind.isServqual {
            reports.append(try await view(kind, survey: chosen))
        }
        var servqual: PageView.Servqual?
        let servqualSurvey =
            chosen == nil ? surveys.first { $0.kind == .servqual } : chosen.flatMap { $0.kind == .servqual ? $0 : nil }
        if let survey = servqualSurvey {
            let score = try await repositories.surveyReports.servqual(filter: filter, surveyID: survey.id)
            var views: [ReportView] = []
            for kind in SurveyReport.allCases where kind.isServqual {
                views.append(try await view(kind, survey: survey, score: score))
            }
            servqual = PageView.Servqual(
                title: survey.title(chinese: ui.language == .zhHans), url: "/surveys/\(survey.id.uuidString)",
                reports: views)
        }
        return ui.render(
            "survey_reports", title: ui.t("report.survey_dashboard"),
            model: PageView(form: form, reports: reports, servqual: servqual),
            status: form.hasErrors ? .badRequest : .ok)
    }
}
