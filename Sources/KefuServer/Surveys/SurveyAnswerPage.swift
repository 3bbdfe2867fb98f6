import Foundation
import HTTPTypes
import Hummingbird
import KefuCore
import KefuStore

/// `/s/{token}`, public (a survey invitation's single-use signed link, phone width, in the visitor's language):
/// the survey as a form that posts back to the same path (`score`, `reason`, SERVQUAL's `e1`…`p22` or
/// `a1`…`p22` and `w_<dimension>`, a custom survey's `q_<key>`, with the hidden `csrf_token` its cookie
/// repeats). A stored answer redirects (303) to the same path, which then thanks the customer (200). A link
/// answered once shows the "already answered" page (200; a post to it is a 409 and stores nothing, checked
/// before anything else); a forged or revoked link is a 404 page, an expired one a 410 page.
struct SurveyAnswerPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "s/:token", show)
        web.post(router, "s/:token", answer)
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let survey: Survey
        do {
            survey = try await web.repositories.surveyInvitations.open(token, now: context.clock.now()).1
        } catch let failure as SignedLinkFailure {
            return linkPage(failure, request, context, posted: false)
        }
        return try await form(survey, token: token, request, context, posted: { _ in "" }, errors: [], status: .ok)
    }

    @Sendable func answer(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let survey: Survey
        do {
            survey = try await web.repositories.surveyInvitations.open(token, now: context.clock.now()).1
        } catch let failure as SignedLinkFailure {
            return linkPage(failure, request, context, posted: true)
        }
        let form = try await WebForm.postedWithoutSession(request)
        let answer: SurveyAnswer
        do throws(ValidationFailure) {
            answer = try SurveyAnswer.read(survey) { form.value($0) }
        } catch {
            return try await self.form(
                survey, token: token, request, context, posted: { form.raw($0) }, errors: error.errors,
                status: .badRequest)
        }
        do {
            _ = try await web.repositories.surveyResponses.record(
                answer, token: token, language: Language.of(request).rawValue,
                by: Attribution(userID: nil, email: nil, requestID: context.requestID, now: context.clock.now()))
        } catch let failure as SignedLinkFailure {
            return linkPage(failure, request, context, posted: true)
        }
        return SupportStatusPage.unlisted(
            WebRoutes.redirect(SurveyInvitationRepository.Issued.path(token), flash: "survey_thanks"))
    }

    private func form(
        _ survey: Survey, token: String, _ request: Request, _ context: KefuRequestContext,
        posted: (String) -> String, errors: [FieldError], status: HTTPResponse.Status
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let business = try await web.repositories.settings.get().businessName
        let messages = FieldMessages(errors, ui: ui, inputs: SurveyFormView.inputs(of: survey))
        let response = WebSession.sessionlessForm(request, configuration: web.configuration) { csrf in
            let model = SurveyFormView(
                survey, csrf: csrf, action: SurveyInvitationRepository.Issued.path(token), business: business,
                posted: posted, messages: messages, ui: ui)
            return ui.render("survey_answer", title: model.title, model: model, status: status)
        }
        return SupportStatusPage.unlisted(response)
    }

    /// A link that does not open: 404 or 410; used up, "already answered" — 200 to look at (thanking the
    /// customer after their answer), 409 to post to.
    private func linkPage(
        _ failure: SignedLinkFailure, _ request: Request, _ context: KefuRequestContext, posted: Bool
    ) -> Response {
        let ui = web.views.ui(request, context)
        let (key, status): (String, HTTPResponse.Status) =
            switch failure {
            case .notFound: ("not_found", .notFound)
            case .expired: ("expired", .gone)
            case .used: ("used", posted ? .conflict : .ok)
            }
        return SupportStatusPage.linkErrorPage(
            ui, template: "survey_link", prefix: "survey.link", key: key, status: status, flash: ui.flash(request))
    }
}
