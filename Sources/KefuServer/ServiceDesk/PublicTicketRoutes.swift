import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The customer's side of tickets over JSON: `POST /api/v1/public/tickets` (no login; the public form's twin,
/// same rules, see `SupportDesk`) and `POST /api/v1/tickets/{id}/status-link` (agent and above: a new status link
/// for the ticket, revoking the older ones, e.g. to text it to a caller).
struct PublicTicketRoutes {
    let desk: SupportDesk

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.post("public/tickets", use: submit)
        group.post("tickets/:id/status-link", use: reissue)
    }

    /// `{"number", "status_url"}`, or `{"status_url"}` alone for a reissued link.
    struct StatusLinkDTO: ResponseEncodable {
        var number: String?
        var statusURL: String

        enum CodingKeys: String, CodingKey {
            case number
            case statusURL = "status_url"
        }
    }

    @Sendable func submit(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let input = try await request.decodeJSON(PublicTicketRequest.self, context: context)
        let receipt = try await desk.submit(input, language: Language.of(request), context: context)
        return try created(
            StatusLinkDTO(number: receipt.number.description, statusURL: receipt.statusURL), request: request,
            context: context, location: receipt.statusURL)
    }

    @Sendable func reissue(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let token = try await desk.tickets.reissueStatusLink(for: id, by: context.attribution())
        return try created(
            StatusLinkDTO(statusURL: SupportDesk.statusPath(token)), request: request, context: context,
            location: SupportDesk.statusPath(token))
    }
}
