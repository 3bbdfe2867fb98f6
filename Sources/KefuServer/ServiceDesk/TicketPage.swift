import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/tickets/{id}`: the conversation and reply box, status and priority, assignment with its
/// transfers, the complaint's six steps and its remedies, and the customer at a glance. Its forms
/// post to `/tickets/{id}/reply`, `/tickets/{id}/update` (status, priority, tags),
/// `/tickets/{id}/assign`, `/tickets/{id}/complaint/{step}`, `/tickets/{id}/remedies`,
/// `/tickets/{id}/links` (link to a ticket by its number), `/tickets/{id}/links/{other}/delete`,
/// `/tickets/{id}/merge` (into a ticket by its number) and `/tickets/{id}/split` (one message to a
/// new ticket); a refused post shows the page again with the reason beside the form that was sent.
struct TicketPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "tickets/:id", show)
        web.post(router, "tickets/:id/reply", reply)
        web.post(router, "tickets/:id/update", update)
        web.post(router, "tickets/:id/assign", assign)
        web.post(router, "tickets/:id/complaint/:step", recordStep)
        web.post(router, "tickets/:id/remedies", requestRemedy)
        web.post(router, "tickets/:id/links", link)
        web.post(router, "tickets/:id/links/:other/delete", unlink)
        web.post(router, "tickets/:id/merge", merge)
        web.post(router, "tickets/:id/split", split)
    }

    /// Which form a refused post came from, what it held and why it was refused.
    struct Failure {
        var form: String
        var values: WebForm
        var messages: [String]
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let user = try context.require(.agent)
        let id = try context.parameters.uuid("id")
        // `?canned=ID` (the reply box's canned-reply picker without JavaScript) fills the reply box.
        var prefill: String?
        if let canned = try request.queryUUID("canned") {
            prefill = try await web.repositories.cannedReplies.rendered(canned, forTicket: id, agentName: user.name)
                .body
        }
        return try await render(request, context, id: id, failure: nil, prefill: prefill)
    }

    @Sendable func reply(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await perform(request, context, form: "reply", flash: "ticket_replied") { id, form in
            _ = try await web.repositories.tickets.reply(
                to: id, body: form.raw("body"), visibility: form["internal"] == nil ? .public : .internal,
                by: context.attribution())
        }
    }

    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await perform(request, context, form: "update", flash: "ticket_saved") { id, form in
            let change = TicketChange(
                status: try form.choice("status", TicketStatus.self),
                priority: try form.choice("priority", TicketPriority.self),
                tags: form.has("tags") ? WebForm.list(form.raw("tags")) : nil)
            _ = try await web.repositories.tickets.update(id, with: change, by: context.attribution())
        }
    }

    @Sendable func assign(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await perform(request, context, form: "assign", flash: "ticket_assigned") { id, form in
            let assignee = form["assignee_id"].flatMap(UUID.init(uuidString:))
            _ = try await web.repositories.tickets.update(
                id, with: TicketChange(assigneeID: .some(assignee), transferReason: form["transfer_reason"]),
                by: context.attribution())
        }
    }

    @Sendable func recordStep(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let stepName = context.parameters.get("step") ?? ""
        guard let step = ComplaintStep(rawValue: stepName) else { throw Problem.notFound() }
        return try await perform(request, context, form: "step-" + step.rawValue, flash: "step_recorded") { id, form in
            var listened: Int?
            if let text = form["listened_seconds"] {
                guard let seconds = Int(text) else {
                    throw ValidationFailure([
                        FieldError(
                            field: "listened_seconds", code: "not_whole_number", message: "Enter a whole number.")
                    ])
                }
                listened = seconds
            }
            let input = ComplaintStepInput(
                note: form.raw("note"), causeID: form["cause_id"].flatMap(UUID.init(uuidString:)),
                listenedSeconds: listened)
            _ = try await web.repositories.complaints.record(step, input, on: id, by: context.attribution())
        }
    }

    @Sendable func requestRemedy(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await perform(request, context, form: "remedy", flash: "remedy_requested") { id, form in
            guard let plan = try form.choice("plan", RemedyPlan.self) else {
                throw ValidationFailure([FieldError(field: "plan", code: "required", message: "Choose a plan.")])
            }
            _ = try await web.repositories.remedies.request(
                plan, note: form["note"], on: id, by: context.attribution())
        }
    }

    @Sendable func link(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await perform(request, context, form: "link", flash: "ticket_linked") { id, form in
            let kind = try form.choice("kind", TicketLinkKind.self) ?? .related
            let other = try await ticketID(numbered: form.raw("number"))
            _ = try await web.repositories.tickets.link(id, to: other, kind: kind, by: context.attribution())
        }
    }

    @Sendable func unlink(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let other = try context.parameters.uuid("other")
        return try await perform(request, context, form: "link", flash: "ticket_unlinked") { id, _ in
            try await web.repositories.tickets.unlink(id, from: other, by: context.attribution())
        }
    }

    /// Merges this ticket into the one numbered in the form, then shows the survivor.
    @Sendable func merge(_ request: Request, context: KefuRequestContext) async throws -> Response {
        var survivor: UUID?
        let response = try await perform(request, context, form: "merge", flash: "ticket_merged") { id, form in
            let into = try await ticketID(numbered: form.raw("into"))
            survivor = try await web.repositories.tickets.merge(id, into: into, by: context.attribution()).ticket.id
        }
        guard let survivor, response.status == .seeOther else { return response }
        return WebRoutes.redirect("/tickets/\(survivor.uuidString)", flash: "ticket_merged")
    }

    /// Moves one message to a new ticket, then shows the new ticket.
    @Sendable func split(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let user = try context.require(.agent)
        var created: UUID?
        let response = try await perform(request, context, form: "split", flash: "ticket_split") { id, form in
            guard let message = form["message_id"].flatMap(UUID.init(uuidString:)) else {
                throw ValidationFailure([
                    FieldError(field: "message_id", code: "unknown_message", message: "No such message on this ticket.")
                ])
            }
            created = try await web.repositories.tickets.split(
                id, messageID: message, subject: nil, creator: .staff(id: user.id, role: user.role),
                by: context.attribution()
            ).ticket.id
        }
        guard let created, response.status == .seeOther else { return response }
        return WebRoutes.redirect("/tickets/\(created.uuidString)", flash: "ticket_split")
    }

    /// The ticket a typed number (`T-000123`) names; a field error when it names none.
    private func ticketID(numbered text: String) async throws -> UUID {
        guard let number = TicketNumber(parsing: text) else {
            throw ValidationFailure([
                FieldError(
                    field: "number", code: "invalid_ticket_number", message: "Type a ticket number such as T-000123.")
            ])
        }
        do {
            return try await web.repositories.tickets.id(of: number)
        } catch DomainError.notFound {
            throw ValidationFailure([
                FieldError(field: "number", code: "unknown_ticket_number", message: "There is no ticket \(number).")
            ])
        }
    }

    /// Runs one form's action; on success back to the page with `flash`, on a refusal the page
    /// again with the reason beside that form (422, or 409 when the ticket's state forbids it).
    private func perform(
        _ request: Request, _ context: KefuRequestContext, form name: String, flash: String,
        _ action: (UUID, WebForm) async throws -> Void
    ) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        do {
            try await action(id, form)
            return WebRoutes.redirect("/tickets/\(id.uuidString)", flash: flash)
        } catch let error where Self.isRefusal(error) {
            let ui = web.views.ui(request, context)
            let failure = Failure(form: name, values: form, messages: [TicketMessages.explain(error, ui: ui)])
            return try await render(request, context, id: id, failure: failure)
        }
    }

    private static func isRefusal(_ error: any Error) -> Bool {
        switch error {
        case is ServiceDeskError, is ValidationFailure, DomainError.invalid: true
        default: false
        }
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, id: UUID, failure: Failure?, prefill: String? = nil
    ) async throws -> Response {
        let record = try await web.repositories.tickets.get(id)
        let ticket = record.ticket
        let ui = web.views.ui(request, context)
        let model = try await TicketView.Builder(web: web, ui: ui, failure: failure, prefill: prefill).build(record)
        let status: HTTPResponse.Status =
            failure == nil ? .ok : (ticket.status == .closed ? .conflict : .unprocessableContent)
        return ui.render(
            "ticket", title: "\(ticket.number) \(ticket.subject)", model: model, status: status,
            flash: failure == nil ? ui.flash(request) : nil)
    }
}
