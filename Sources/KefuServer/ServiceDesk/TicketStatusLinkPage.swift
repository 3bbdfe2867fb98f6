import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// POST `/tickets/{id}/status-link` (agent and above, from the ticket page): a new status link for the ticket,
/// revoking the older ones, shown once on a page of its own so the agent can send it to a caller (by SMS, chat
/// or email); the token is not kept anywhere it could be shown again.
struct TicketStatusLinkPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.post(router, "tickets/:id/status-link", issue)
    }

    struct LinkView {
        var number: String
        var link: String
        var back: String
    }

    @Sendable func issue(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        _ = try await WebForm.posted(request, context: context)
        let tickets = web.repositories.tickets
        let token = try await tickets.reissueStatusLink(for: id, by: context.attribution())
        let number = try await tickets.get(id).ticket.number.description
        let base = (web.configuration.publicURL ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let ui = web.views.ui(request, context)
        return ui.render(
            "ticket_status_link", title: ui.t("status_link.title", ["number": number]),
            model: LinkView(
                number: number, link: base + SupportDesk.statusPath(token), back: "/tickets/\(id.uuidString)"),
            status: .created)
    }
}
