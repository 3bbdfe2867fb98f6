import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A queue ticket's public status page, `/q/{token}` (issue 14 §2): no login, phone width, in the language of the
/// browser (or the switch). It shows the number, the service, the place in line and the estimated wait as a range
/// while the ticket waits, "you are next" at the head of the line, and the counter once it is called; the page
/// follows the branch's live updates (`/q/{token}/events`) and refreshes itself on each, without reloading. With `Accept: application/json` it answers the public fields
/// `{"number", "status", "position", "estimated_wait_minutes", "counter_id"}`. A forged or revoked link is a
/// 404 page, an expired one a 410 page.
struct QueueStatusPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "q/:token", show)
        web.get(router, "q/:token/events", events)
    }

    struct View {
        var events: String
        var number: String
        var service: String
        var status: String
        var position: String?
        var wait: String?
        var next: Bool
        var counter: String?
    }

    /// The page's live updates: a Server-Sent Events stream with a `changed` event, carrying nothing, whenever
    /// the ticket's branch issues, calls or moves a ticket. A link that does not open answers as the page does.
    @Sendable func events(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let ui = web.views.ui(request, context)
        do {
            let placed = try await web.repositories.queueTickets.byStatusToken(
                context.parameters.get("token") ?? "", now: context.clock.now())
            return SupportStatusPage.unlisted(
                ServerSentEvents.response(
                    web.database.live, topic: QueueTicketRepository.liveTopic(branch: placed.ticket.branchID)))
        } catch let failure as SignedLinkFailure {
            return linkError(failure, ui)
        }
    }

    private func linkError(_ failure: SignedLinkFailure, _ ui: WebUI) -> Response {
        SupportStatusPage.linkErrorPage(
            ui, template: "member_link", prefix: "queue_status", key: failure == .expired ? "expired" : "not_found",
            status: Problem.from(failure).status)
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let ui = web.views.ui(request, context)
        let placed: QueueTicketRepository.Placed
        do {
            placed = try await web.repositories.queueTickets.byStatusToken(
                context.parameters.get("token") ?? "", now: context.clock.now())
        } catch let failure as SignedLinkFailure {
            if request.headers[.accept]?.contains("application/json") == true { throw failure }
            return linkError(failure, ui)
        }
        if request.headers[.accept]?.contains("application/json") == true {
            return SupportStatusPage.unlisted(
                try QueueTicketPublicDTO(placed: placed).response(from: request, context: context))
        }
        let ticket = placed.ticket
        let service = try await web.repositories.queueSetup.service(ticket.serviceID)
        let counter = try await ticket.counterID.asyncMap { try await web.repositories.queueSetup.counter($0).name }
        let waiting = ticket.status == .waiting
        let model = View(
            events: "/q/\(context.parameters.get("token") ?? "")/events", number: ticket.number,
            service: service.name(in: ui.language.rawValue),
            status: ui.t("queue.status." + ticket.status.rawValue),
            position: waiting ? placed.position.map { ui.t("queue_status.position", ["position": String($0)]) } : nil,
            wait: waiting
                ? ticket.estimateLow.map { low in
                    ui.t("queue_status.wait", ["low": String(low), "high": String(ticket.estimateHigh ?? low)])
                } : nil,
            next: waiting && placed.position == 1,
            counter: ticket.status == .called || ticket.status == .serving
                ? counter.map { ui.t("queue_status.go_to", ["counter": $0]) } : nil)
        return SupportStatusPage.unlisted(
            ui.render("queue_status", title: ui.t("queue_status.title", ["number": ticket.number]), model: model))
    }
}
