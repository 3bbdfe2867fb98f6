import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/tickets/{id}`: the conversation and reply box, status and priority, assignment with its
/// transfers, the complaint's six steps and its remedies, and the customer at a glance. Its forms
/// post to `/tickets/{id}/reply`, `/tickets/{id}/update` (status, priority, tags),
/// `/tickets/{id}/assign`, `/tickets/{id}/complaint/{step}` and `/tickets/{id}/remedies`; a
/// refused post shows the page again with the reason beside the form that was sent.
struct TicketPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "tickets/:id", show)
        web.post(router, "tickets/:id/reply", reply)
        web.post(router, "tickets/:id/update", update)
        web.post(router, "tickets/:id/assign", assign)
        web.post(router, "tickets/:id/complaint/:step", recordStep)
        web.post(router, "tickets/:id/remedies", requestRemedy)
    }

    /// Which form a refused post came from, what it held and why it was refused.
    struct Failure {
        var form: String
        var values: WebForm
        var messages: [String]
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        return try await render(request, context, id: try context.parameters.uuid("id"), failure: nil)
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
                status: try Self.choice(form, "status", TicketStatus.self),
                priority: try Self.choice(form, "priority", TicketPriority.self),
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
            guard let plan = try Self.choice(form, "plan", RemedyPlan.self) else {
                throw ValidationFailure([FieldError(field: "plan", code: "required", message: "Choose a plan.")])
            }
            _ = try await web.repositories.remedies.request(
                plan, note: form["note"], on: id, by: context.attribution())
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

    private static func choice<Value: RawRepresentable<String>>(
        _ form: WebForm, _ name: String, _: Value.Type
    ) throws -> Value? {
        guard let text = form[name] else { return nil }
        guard let value = Value(rawValue: text) else {
            throw ValidationFailure([FieldError(field: name, code: "invalid", message: "Not one of the choices.")])
        }
        return value
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, id: UUID, failure: Failure?
    ) async throws -> Response {
        let record = try await web.repositories.tickets.get(id)
        let ticket = record.ticket
        let ui = web.views.ui(request, context)
        let model = try await TicketView.Builder(web: web, ui: ui, failure: failure).build(record)
        let status: HTTPResponse.Status =
            failure == nil ? .ok : (ticket.status == .closed ? .conflict : .unprocessableContent)
        return ui.render(
            "ticket", title: "\(ticket.number) \(ticket.subject)", model: model, status: status,
            flash: failure == nil ? ui.flash(request) : nil)
    }
}
