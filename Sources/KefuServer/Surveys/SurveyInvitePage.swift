import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The staff side of invitations (agents and up): POST `/surveys/{id}/invite` (`customer_id`, optional
/// `ticket_id`, from the survey page) and POST `/tickets/{id}/survey` (`survey_id`, from the ticket page) make an
/// invitation and show its link once, on a page of its own, for the agent to send (by SMS, chat or email); the
/// token is kept nowhere it could be shown again.
struct SurveyInvitePage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.post(router, "surveys/:id/invite", fromSurvey)
        web.post(router, "tickets/:id/survey", fromTicket)
    }

    struct LinkView {
        var survey: String
        var link: String
        var back: String
    }

    @Sendable func fromSurvey(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let surveyID = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        let back = "/surveys/\(surveyID.uuidString)"
        guard let customerID = form["customer_id"].flatMap(PastedID.parse) else {
            return WebRoutes.redirect(back, flash: "survey_invite_customer")
        }
        let subject = SurveyInvitationRepository.Subject(
            customerID: customerID, ticketID: form["ticket_id"].flatMap(PastedID.parse))
        return try await issue(surveyID, subject, back: back, request, context)
    }

    @Sendable func fromTicket(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let ticketID = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        let back = "/tickets/\(ticketID.uuidString)"
        guard let surveyID = form["survey_id"].flatMap(UUID.init(uuidString:)) else {
            return WebRoutes.redirect(back, flash: "survey_invite_survey")
        }
        let ticket = try await web.repositories.tickets.get(ticketID).ticket
        return try await issue(
            surveyID, .init(customerID: ticket.customerID, ticketID: ticketID), back: back, request, context)
    }

    private func issue(
        _ surveyID: UUID, _ subject: SurveyInvitationRepository.Subject, back: String, _ request: Request,
        _ context: KefuRequestContext
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let issued: SurveyInvitationRepository.Issued
        do {
            issued = try await web.repositories.surveyInvitations.invite(surveyID, subject, by: context.attribution())
        } catch DomainError.invalid, DomainError.conflict {
            return WebRoutes.redirect(back, flash: "survey_invite_refused")
        }
        let survey = try await web.repositories.surveys.get(surveyID)
        let base = (web.configuration.publicURL ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let title = survey.title(chinese: ui.language == .zhHans)
        return ui.render(
            "survey_link_issued", title: ui.t("survey.invite.title", ["survey": title]),
            model: LinkView(survey: title, link: base + issued.path, back: back), status: .created)
    }
}
