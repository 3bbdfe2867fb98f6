import Foundation
import HTTPTypes
import Hummingbird
import KefuCore
import KefuStore

/// `/queue` (agent and up): the counter console of issue 14 §3. The agent picks a counter (POST `/queue/counter`,
/// remembered in a cookie so the page's own live refresh finds it again), opens or closes it (POST
/// `/queue/counters/{id}/open`), calls next or a chosen ticket (`…/call-next`, `…/call`), issues tickets for walk-ins
/// (`…/issue`) and moves the ticket at the counter on (POST `/queue/tickets/{id}/{action}`). Each form calls the
/// store method the API calls, so the writes are audited alike, and redirects back; a refused one shows the console
/// again with the reason and writes nothing. The page follows its branch's live topic through
/// `/queue/branches/{id}/events`, so a call at another counter updates its lists without a reload.
struct QueueConsolePage {
    let web: WebRoutes

    /// The cookie that remembers the browser's counter.
    static let counterCookie = "kefu_queue_counter"

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "queue", show)
        web.post(router, "queue/counter", choose)
        web.post(router, "queue/counters/:id/open", openOrClose)
        web.post(router, "queue/counters/:id/call-next", callNext)
        web.post(router, "queue/counters/:id/call", call)
        web.post(router, "queue/counters/:id/issue", issue)
        web.post(router, "queue/tickets/:id/:action", act)
        web.get(router, "queue/branches/:id/events", events)
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        return try await render(request, context, errors: [], status: .ok)
    }

    /// Remembers the counter picked; an unknown one is a 422 with the picker again.
    @Sendable func choose(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let form = try await WebForm.posted(request, context: context)
        guard let id = form["counter_id"].flatMap(UUID.init(uuidString:)),
            (try? await web.repositories.queueSetup.counter(id)) != nil
        else {
            let error = FieldError(field: "counter_id", code: "unknown_counter", message: "")
            return try await render(request, context, errors: [error], status: .unprocessableContent)
        }
        var response = WebRoutes.redirect("/queue")
        response.setCookie(
            Cookie(
                name: Self.counterCookie, value: id.uuidString, maxAge: 365 * 86400, path: "/queue",
                secure: web.configuration.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    /// Opens the counter with the caller at it, or closes it and leaves it unattended.
    @Sendable func openOrClose(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let user = try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        let open = form["open"] == "1"
        return try await attempt(request, context, flash: open ? "queue_opened" : "queue_closed") {
            _ = try await web.repositories.queueSetup.updateCounter(
                id, .init(open: open, agentID: open ? user.id : nil, clearAgent: !open), by: context.attribution())
        }
    }

    @Sendable func callNext(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        _ = try await WebForm.posted(request, context: context)
        var called = false
        let response = try await attempt(request, context, flash: "queue_called") {
            called = try await web.repositories.queueTickets.callNext(counterID: id, by: context.attribution()) != nil
        }
        return response.status == .seeOther && !called ? WebRoutes.redirect("/queue", flash: "queue_nobody") : response
    }

    /// Calls a chosen waiting or parked ticket, with the reason the store records.
    @Sendable func call(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        return try await attempt(request, context, flash: "queue_called") {
            guard let ticket = form["ticket_id"].flatMap(UUID.init(uuidString:)) else {
                throw DomainError.invalid([FieldError(field: "ticket_id", code: "required", message: "")])
            }
            _ = try await web.repositories.queueTickets.call(
                ticket, counterID: id, reason: form.raw("reason"), by: context.attribution())
        }
    }

    /// Issues a ticket for a walk-in at the counter's branch: a service, an optional phone, an optional class.
    @Sendable func issue(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let counterID = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        return try await attempt(request, context, flash: "queue_issued") {
            let counter = try await web.repositories.queueSetup.counter(counterID)
            let services = try await web.repositories.queueSetup.services(
                branchID: counter.branchID, limit: 1000, cursor: nil)
            guard let serviceID = form["service_id"].flatMap(UUID.init(uuidString:)),
                services.items.contains(where: { $0.id == serviceID })
            else { throw DomainError.invalid([FieldError(field: "service_id", code: "required", message: "")]) }
            let queueClass = try form.choice("class", QueueClass.self)
            _ = try await web.repositories.queueTickets.issue(
                .init(serviceID: serviceID, phone: form["phone"], queueClass: queueClass, channel: "staff"),
                by: context.attribution())
        }
    }

    /// Recall, no-show, park, start, finish (with an outcome), transfer (to `to` = `service:<id>` or
    /// `counter:<id>`, keeping the arrival unless `keep_arrival` is left out) or rejoin.
    @Sendable func act(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        guard let action = context.parameters.get("action").flatMap(QueueTicket.Action.init(rawValue:)),
            action != .call
        else { throw Problem.notFound() }
        let form = try await WebForm.posted(request, context: context)
        return try await attempt(request, context, flash: "queue_done") {
            var input = QueueTicketRepository.ActionInput(outcome: form.value("outcome"))
            if action == .transfer {
                let target = (form["to"] ?? "").split(separator: ":", maxSplits: 1).map(String.init)
                let targetID = target.count == 2 ? UUID(uuidString: target[1]) : nil
                switch target.first {
                case "service": input.serviceID = targetID
                case "counter": input.counterID = targetID
                default: break
                }
                guard targetID != nil else {
                    throw DomainError.invalid([FieldError(field: "to", code: "required", message: "")])
                }
                input.keepArrival = form.has("keep_arrival")
            }
            _ = try await web.repositories.queueTickets.act(action, on: id, input, by: context.attribution())
        }
    }

    /// The branch's live updates for staff pages: a `changed` event after each ticket issued, called or moved on.
    @Sendable func events(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let branchID = try context.parameters.uuid("id")
        _ = try await web.repositories.queueSetup.setup(of: branchID)
        return ServerSentEvents.response(web.database.live, topic: QueueTicketRepository.liveTopic(branch: branchID))
    }

    /// Runs a write and redirects to the console with `flash`, or shows the console with what was refused.
    private func attempt(
        _ request: Request, _ context: KefuRequestContext, flash: String, _ write: () async throws -> Void
    ) async throws -> Response {
        do {
            try await write()
            return WebRoutes.redirect("/queue", flash: flash)
        } catch {
            guard let (errors, status) = QueueFormErrors.fieldErrors(error) else { throw error }
            return try await render(request, context, errors: errors, status: status)
        }
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, errors: [FieldError], status: HTTPResponse.Status
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let chosen = request.cookies[Self.counterCookie].flatMap { UUID(uuidString: $0.value) }
        let now = context.clock.now()
        var line: QueueCounterLine?
        do {
            line = try await chosen.asyncMap { try await web.repositories.queueTickets.line(counterID: $0, now: now) }
        } catch DomainError.notFound {
            // The remembered counter was deleted meanwhile: the picker shows instead.
        }
        let model = try await QueueConsoleView.build(
            line: line, repositories: web.repositories, ui: ui, now: now,
            messages: FieldMessages(errors, ui: ui, inputs: []).general)
        return ui.render(
            "queue_console", title: ui.t("queue_console.title"), model: model, status: status, flash: ui.flash(request))
    }
}
