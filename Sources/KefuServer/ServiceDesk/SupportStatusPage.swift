import Foundation
import HTTPTypes
import Hummingbird
import KefuCore
import KefuStore

/// `/support/t/{token}`, public (the signed status link, its own layout): the ticket's number, status and
/// subject, its public replies oldest first (internal notes never), and a reply box (POST `body`, `csrf_token`,
/// as on `/support/new`). `GET` with `Accept: application/json` answers `{"number", "status", "subject",
/// "messages"}`; `/support/t/{token}/events` streams its live updates. A link that does not open is a 404 page
/// (410 once expired), the same for every wrong token. The token is the only key, so these pages send no referrer and ask not to be indexed.
struct SupportStatusPage {
    let web: WebRoutes
    let desk: SupportDesk

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "support/t/:token", show)
        web.post(router, "support/t/:token", reply)
        web.get(router, "support/t/:token/events", events)
    }

    struct StatusView {
        var csrf: String
        var action: String
        var number: String
        var status: String
        var subject: String
        var messages: [MessageView]
        var empty: Bool
        /// A reply will open a follow-up ticket rather than land here.
        var startsNew: Bool
        var reply: FieldView
    }

    struct MessageView {
        var author: String
        var fromCustomer: Bool
        var body: String
        var time: String
    }

    struct LinkErrorView {
        var heading: String
        var text: String
    }

    /// The page a public link that does not open shows: `template` with the heading and text of `<prefix>.<key>`
    /// and `<prefix>.<key>_text`, kept out of logs and search engines. Ticket, survey and member links share it.
    static func linkErrorPage(
        _ ui: WebUI, template: String, prefix: String, key: String, status: HTTPResponse.Status,
        flash: String? = nil
    ) -> Response {
        unlisted(
            ui.render(
                template, title: ui.t("\(prefix).\(key)"),
                model: LinkErrorView(heading: ui.t("\(prefix).\(key)"), text: ui.t("\(prefix).\(key)_text")),
                status: status, flash: flash))
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        if request.headers[.accept]?.contains("application/json") == true {
            return try await json(token, request: request, context: context)
        }
        return try await page(token, request, context, body: "", errors: [], status: .ok)
    }

    /// The page's live updates (`GET /support/t/{token}/events`): a Server-Sent Events stream with a `changed`
    /// event, carrying nothing, whenever the ticket gets a public message or a new status; the page fetches itself
    /// again on each. A link that does not open answers as the page does.
    @Sendable func events(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let ticket: Ticket
        do {
            ticket = try await desk.ticket(of: context.parameters.get("token") ?? "", now: context.clock.now())
        } catch let failure as SignedLinkFailure {
            return linkError(failure, request, context)
        }
        return Self.unlisted(
            ServerSentEvents.response(web.database.live, topic: TicketRepository.liveTopic(ticket.id)))
    }

    @Sendable func reply(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let form = try await WebForm.postedWithoutSession(request)
        let reply: TicketRepository.CustomerReply
        do {
            reply = try await desk.reply(form.raw("body"), token: token, context: context)
        } catch let failure as SignedLinkFailure {
            return linkError(failure, request, context)
        } catch DomainError.invalid(let errors) {
            return try await page(token, request, context, body: form.raw("body"), errors: errors, status: .badRequest)
        }
        guard let followUp = reply.followUpToken else {
            return WebRoutes.redirect(SupportDesk.statusPath(token), flash: "support_replied")
        }
        return WebRoutes.redirect(SupportDesk.statusPath(followUp), flash: "support_follow_up")
    }

    private func page(
        _ token: String, _ request: Request, _ context: KefuRequestContext, body: String, errors: [FieldError],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let shown: SupportDesk.Status
        do {
            shown = try await desk.open(token, context: context)
        } catch let failure as SignedLinkFailure {
            return linkError(failure, request, context)
        }
        let ticket = shown.ticket
        let formatter = ui.formatter(timeZone: shown.timeZone)
        let replyErrors = FieldMessages(errors, ui: ui, inputs: ["body"])
        let views = shown.messages.map { message in
            let fromCustomer = if case .customer = message.author { true } else { false }
            return MessageView(
                author: ui.t(fromCustomer ? "support.status.you" : "support.status.staff"), fromCustomer: fromCustomer,
                body: message.body, time: formatter.string(from: message.createdAt))
        }
        let response = WebSession.sessionlessForm(request, configuration: web.configuration) { csrf in
            ui.render(
                "support_status", title: ui.t("support.status.title", ["number": ticket.number.description]),
                model: StatusView(
                    csrf: csrf, action: SupportDesk.statusPath(token), number: ticket.number.description,
                    status: ui.t("support.state." + ticket.status.rawValue), subject: ticket.subject,
                    messages: views, empty: views.isEmpty, startsNew: shown.replyOpensNewTicket,
                    reply: replyErrors.field("body", value: body)),
                status: status, flash: ui.flash(request))
        }
        return Self.unlisted(response)
    }

    private func linkError(_ failure: SignedLinkFailure, _ request: Request, _ context: KefuRequestContext)
        -> Response
    {
        let ui = web.views.ui(request, context)
        let key =
            switch failure {
            case .notFound: "not_found"
            case .expired: "expired"
            case .used: "used"
            }
        return Self.linkErrorPage(
            ui, template: "support_link", prefix: "support.link", key: key, status: Problem.from(failure).status)
    }

    private func json(_ token: String, request: Request, context: KefuRequestContext) async throws -> Response {
        do {
            let status = try await desk.open(token, context: context)
            return Self.unlisted(
                try StatusDTO(ticket: status.ticket, messages: status.messages).response(
                    from: request, context: context))
        } catch {
            return Self.unlisted(
                ErrorMiddleware.problem(for: error, context: context).response(requestID: context.requestID))
        }
    }

    /// Whoever holds the address holds the ticket: keep it out of other sites' logs and out of search engines.
    static func unlisted(_ response: Response) -> Response {
        var response = response
        response.headers[referrerPolicy] = "no-referrer"
        response.headers[robotsTag] = "noindex, nofollow"
        return response
    }

    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    private static let robotsTag = HTTPField.Name("X-Robots-Tag")!

    /// What `Accept: application/json` gets: the customer's view, without staff names or ids.
    struct StatusDTO: ResponseEncodable {
        var number: String
        var status: String
        var subject: String
        var messages: [Message]

        struct Message: Encodable {
            var author: String
            var body: String
            var createdAt: Date

            enum CodingKeys: String, CodingKey {
                case author, body
                case createdAt = "created_at"
            }
        }

        init(ticket: Ticket, messages: [TicketMessage]) {
            number = ticket.number.description
            status = ticket.status.rawValue
            subject = ticket.subject
            self.messages = messages.map { message in
                let author = if case .customer = message.author { "customer" } else { "staff" }
                return Message(author: author, body: message.body, createdAt: message.createdAt)
            }
        }
    }
}
