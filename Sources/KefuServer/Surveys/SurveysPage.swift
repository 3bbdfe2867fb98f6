import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/surveys` (agents and up): every survey with its kind, state, responses and response rate; managers and
/// admins add one with the form below the list (POST `/surveys`: `kind`, `title`, `title_zh`, `three_column`,
/// `importance`, and for a custom survey `questions`, one per line as `SurveyQuestionLines` reads them).
struct SurveysPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "surveys", show)
        web.post(router, "surveys", create)
    }

    struct PageView {
        var surveys: [Row]
        var empty: Bool
        var canCreate: Bool
        var form: FormView
    }

    struct Row {
        var url: String
        var title: String
        var kind: String
        var active: Bool
        var invited: Int
        var answered: Int
        var rate: String
    }

    struct FormView {
        var errors: [String]
        var kinds: [Option]
        var title: String
        var titleZH: String
        var threeColumn: Bool
        var importance: Bool
        var questions: String
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        return try await render(request, context, posted: nil, errors: [], status: .ok)
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let form = try await WebForm.posted(request, context: context)
        do {
            let survey = try await web.repositories.surveys.create(try Self.draft(form), by: context.attribution())
            return WebRoutes.redirect("/surveys/\(survey.id.uuidString)", flash: "survey_saved")
        } catch {
            guard let (errors, status) = AdminUsersPage.formErrors(error) else { throw error }
            let ui = web.views.ui(request, context)
            return try await render(
                request, context, posted: form, errors: FollowUpPlansPage.messages(errors, ui: ui), status: status)
        }
    }

    /// The survey as posted; a question line that does not read is an error naming its line.
    static func draft(_ form: WebForm) throws -> SurveyDraft {
        let kind = form["kind"].flatMap(SurveyKind.init(rawValue:))
        let questions = try SurveyQuestionLines.read(form.raw("questions"))
        return SurveyDraft(
            kind: kind, title: form.raw("title"), titleZH: form.raw("title_zh"),
            questions: kind == .custom ? questions : nil, threeColumn: kind == .servqual && form.has("three_column"),
            importance: form.has("importance"))
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, posted: WebForm?, errors: [String],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let surveys = try await web.repositories.surveys.list(limit: 500, cursor: nil).items
        let rates = try await web.repositories.surveyResponses.rates()
        let rows = surveys.map { survey in
            let rate = rates[survey.id] ?? (0, 0)
            return Row(
                url: "/surveys/\(survey.id.uuidString)", title: survey.title(chinese: ui.language == .zhHans),
                kind: ui.t("survey.kind." + survey.kind.rawValue), active: survey.active, invited: rate.invited,
                answered: rate.answered,
                rate: SurveyFigureText.percent(
                    rate.invited == 0 ? nil : 100 * Double(rate.answered) / Double(rate.invited)))
        }
        let model = PageView(
            surveys: rows, empty: rows.isEmpty, canCreate: context.identity?.user.role.includes(.manager) == true,
            form: FormView(
                errors: errors,
                kinds: ui.options(
                    SurveyKind.allCases.map(\.rawValue), selected: posted?.raw("kind") ?? SurveyKind.csat.rawValue,
                    label: { ui.t("survey.kind." + $0) }),
                title: posted?.raw("title") ?? "", titleZH: posted?.raw("title_zh") ?? "",
                threeColumn: posted?.has("three_column") ?? false, importance: posted?.has("importance") ?? true,
                questions: posted?.raw("questions") ?? ""))
        return ui.render("surveys", title: ui.t("survey.title"), model: model, status: status, flash: ui.flash(request))
    }
}
