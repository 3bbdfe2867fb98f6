import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/surveys/{id}` (agents and up): the survey's figures over all its answers (CSAT %, NPS and its spread, the
/// CES mean, or SERVQUAL's gap per dimension and item with the weighted and unweighted scores), its latest
/// responses, and the form that invites a customer (POST `/surveys/{id}/invite`). Managers and admins turn it
/// on and off (POST `/surveys/{id}`, `active` = `true` or `false`).
struct SurveyPage {
    let web: WebRoutes

    /// The responses the page lists, newest first; the API pages through them all.
    static let latestResponses = 20

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "surveys/:id", show)
        web.post(router, "surveys/:id", toggle)
    }

    struct PageView {
        var id: String
        var title: String
        var kind: String
        var active: Bool
        var canManage: Bool
        var figures: [Figure]
        var servqual: ServqualSummaryView?
        var responses: [ResponseRow]
        var empty: Bool
        var campaigns: [CampaignRow]
        var hasCampaigns: Bool
        var campaign: CampaignForm
    }

    struct CampaignRow {
        var name: String
        var when: String
        var invited: Int
        var answered: Int
        var rate: String
    }

    /// The form that sends the survey to a segment (managers and admins), with what was posted and why it was
    /// refused.
    struct CampaignForm {
        var errors: [String]
        var name: String
        var tiers: [Option]
        var tag: String
        var branches: [Option]
        var stages: [Option]
        var days: String
    }

    struct Figure {
        var label: String
        var value: String
    }

    struct ResponseRow {
        var when: String
        var customer: String
        var customerURL: String
        var score: String
        var reason: String
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        return try await render(request, context, id: try context.parameters.uuid("id"), campaign: nil)
    }

    /// The page; `campaign` is a refused campaign form and its messages (422).
    func render(
        _ request: Request, _ context: KefuRequestContext, id: UUID, campaign: (WebForm, [String])?
    ) async throws -> Response {
        let survey = try await web.repositories.surveys.get(id)
        let ui = web.views.ui(request, context)
        let settings = try await web.repositories.settings.get()
        let branches = try await web.repositories.branches.list()
        let posted = campaign?.0
        let summary = try await web.repositories.surveyReports.summary(of: survey)
        let latest = try await web.repositories.surveyResponses.list(
            surveyID: survey.id, limit: Self.latestResponses, cursor: nil
        ).items
        let names = try await web.repositories.customers.names(of: latest.map(\.customerID))
        let time = ui.formatter(timeZone: settings.timeZone)
        let campaigns = try await web.repositories.surveyCampaigns.list(surveyID: id).map { campaign in
            CampaignRow(
                name: campaign.name, when: time.string(from: campaign.createdAt), invited: campaign.invited,
                answered: campaign.answered, rate: SurveyFigureText.percent(campaign.responseRate))
        }
        var servqual: ServqualSummaryView?
        if case .servqual(let score) = summary {
            servqual = ServqualSummaryView(score, text: ReportText(ui: ui, timeZone: settings.timeZone))
        }
        let model = PageView(
            id: survey.id.uuidString, title: survey.title(chinese: ui.language == .zhHans),
            kind: ui.t("survey.kind." + survey.kind.rawValue), active: survey.active,
            canManage: context.identity?.user.role.includes(.manager) == true,
            figures: Self.figures(summary, ui: ui), servqual: servqual,
            responses: latest.map { response in
                ResponseRow(
                    when: time.string(from: response.createdAt), customer: names[response.customerID] ?? "",
                    customerURL: "/customers/\(response.customerID.uuidString)",
                    score: response.score.map(String.init) ?? "", reason: response.reason ?? "")
            }, empty: latest.isEmpty,
            campaigns: campaigns, hasCampaigns: !campaigns.isEmpty,
            campaign: CampaignForm(
                errors: campaign?.1 ?? [], name: posted?.raw("name") ?? "",
                tiers: ui.options(settings.tiers, selected: posted?.raw("tier"), label: { $0 }, blank: ""),
                tag: posted?.raw("tag") ?? "",
                branches: ui.options(
                    branches.map(\.id.uuidString), selected: posted?.raw("branch_id"),
                    label: { id in branches.first { $0.id.uuidString == id }?.profile.name ?? id }, blank: ""),
                stages: ui.options(
                    LifecycleStage.allCases.map(\.rawValue), selected: posted?.raw("stage"),
                    label: { ui.t("stage." + $0) }, blank: ""),
                days: posted?.raw("purchased_within_days") ?? ""))
        return ui.render(
            "survey", title: model.title, model: model, status: campaign == nil ? .ok : .unprocessableContent,
            flash: ui.flash(request))
    }

    @Sendable func toggle(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let id = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        var draft = try await web.repositories.surveys.get(id).draft
        draft.active = form["active"] == "true"
        _ = try await web.repositories.surveys.update(id, to: draft, by: context.attribution())
        return WebRoutes.redirect("/surveys/\(id.uuidString)", flash: "survey_saved")
    }

    /// The headline figures, each with the number of answers it rests on.
    static func figures(_ summary: SurveySummary, ui: WebUI) -> [Figure] {
        func figure(_ key: String, _ value: String) -> Figure {
            Figure(label: ui.t("survey.figure." + key), value: value)
        }
        switch summary {
        case .csat(let score):
            return [
                figure("csat", SurveyFigureText.percent(score.percent)), figure("responses", String(score.responses)),
            ]
        case .nps(let score):
            return [
                figure("nps", SurveyFigureText.score(score.nps)), figure("responses", String(score.responses)),
                figure("promoters", String(score.promoters)), figure("passives", String(score.passives)),
                figure("detractors", String(score.detractors)),
                figure(
                    "distribution",
                    score.distribution.enumerated().map { "\($0.offset): \($0.element)" }
                        .joined(separator: " · ")),
            ]
        case .ces(let score):
            return [figure("ces", SurveyFigureText.mean(score.mean)), figure("responses", String(score.responses))]
        case .servqual(let score):
            return [
                figure("unweighted", SurveyFigureText.mean(score.unweightedScore)),
                figure("weighted", SurveyFigureText.mean(score.weightedScore)),
                figure("respondents", String(score.respondents)),
            ]
        case .custom(let responses):
            return [figure("responses", String(responses))]
        }
    }
}

/// SERVQUAL's figures as tables: per dimension and per item, the means, the gap and the answers counted.
struct ServqualSummaryView {
    var threeColumn: Bool
    var dimensions: [Row]
    var items: [Row]
    /// Three-column only: the zone of tolerance per dimension as SVG, and the items whose mean perception falls
    /// below the adequate level (service failure) or above the desired one (delight).
    var zoneChart: String?
    var failures: [String]
    var delights: [String]

    struct Row {
        var label: String
        var expectation: String
        var perception: String
        var gap: String
        var adequate: String
        var desired: String
        var inZone: String
        var weight: String
        var n: Int
        var negative: Bool
    }

    init(_ score: ServqualScore, text: ReportText) {
        let ui = text.ui
        let chinese = ui.language == .zhHans
        threeColumn = score.format == .threeColumn
        func row(_ label: String, _ figures: ServqualFigures, weight: Double?) -> Row {
            Row(
                label: label, expectation: SurveyFigureText.mean(figures.expectation),
                perception: SurveyFigureText.mean(figures.perception), gap: SurveyFigureText.mean(figures.gap),
                adequate: SurveyFigureText.mean(figures.zone?.adequate),
                desired: SurveyFigureText.mean(figures.zone?.desired),
                inZone: SurveyFigureText.percent(figures.zone?.inZoneShare.map { $0 * 100 }),
                weight: SurveyFigureText.score(weight), n: figures.n, negative: (figures.gap ?? 0) < 0)
        }
        dimensions = score.dimensions.map { scored in
            row(
                chinese ? scored.dimension.nameZH : scored.dimension.nameEN, scored.figures, weight: scored.weight)
        }
        func itemLabel(_ item: Int) -> String {
            let text = Servqual.items[item - 1]
            return "\(item). " + (chinese ? text.zh : text.en)
        }
        items = score.items.map { row(itemLabel($0.item), $0.figures, weight: nil) }
        failures = score.items.filter { SurveyReport.zone(of: $0.figures) == "failure" }.map { itemLabel($0.item) }
        delights = score.items.filter { SurveyReport.zone(of: $0.figures) == "delight" }.map { itemLabel($0.item) }
        if threeColumn {
            zoneChart = text.chart(SurveyReport.servqualDimensions(score), title: ui.t("survey.servqual.zone_chart"))
        }
    }
}
