import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/remedies` (manager+): the B and C remedies waiting for a decision, oldest first, each with
/// its ticket, plan and request; approve (optional note) or decline (note required) posts to
/// `/remedies/{id}/approve` or `/remedies/{id}/decline`, from here or from the ticket page
/// (`back` names which).
struct RemedyApprovalsPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "remedies", list)
        web.post(router, "remedies/:id/approve", approve)
        web.post(router, "remedies/:id/decline", decline)
    }

    struct ListView {
        var rows: [Row]
        var empty: Bool
        var error: String?
    }

    struct Row {
        var ticketURL: String
        var ticket: String
        var plan: String
        var text: String?
        var compensation: String?
        var note: String?
        var requestedBy: String
        var when: String
        var approveURL: String
        var declineURL: String
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await render(request, context, error: nil)
    }

    private func render(_ request: Request, _ context: KefuRequestContext, error: String?) async throws -> Response {
        try context.require(.manager)
        let ui = web.views.ui(request, context)
        let labels = try await TicketLabels.load(ui: ui, users: web.repositories.users)
        let settings = try await web.repositories.settings.get()
        let time = ui.formatter(timeZone: settings.timeZone)
        let pending = try await web.repositories.remedies.list(status: .pendingApproval)
        let tickets = try await web.repositories.tickets.tickets(pending.map(\.remedy.ticketID))
        var rows: [Row] = []
        for record in pending {
            let remedy = record.remedy
            guard let ticket = tickets[remedy.ticketID] else { continue }
            rows.append(
                Row(
                    ticketURL: "/tickets/\(ticket.id.uuidString)", ticket: "\(ticket.number) \(ticket.subject)",
                    plan: ui.t("remedy.plan." + remedy.plan.rawValue), text: record.option?.text,
                    compensation: record.option?.compensation.map {
                        MinorUnits.decimalText($0) + " " + settings.currency
                    },
                    note: remedy.note, requestedBy: labels.person(remedy.requestedByID),
                    when: time.string(from: remedy.requestedAt),
                    approveURL: "/remedies/\(remedy.id.uuidString)/approve",
                    declineURL: "/remedies/\(remedy.id.uuidString)/decline"))
        }
        return ui.render(
            "remedies", title: ui.t("remedy.approvals"), model: ListView(rows: rows, empty: rows.isEmpty, error: error),
            status: error == nil ? .ok : .unprocessableContent, flash: ui.flash(request))
    }

    @Sendable func approve(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await decide(request, context) { .approve(note: $0) }
    }

    @Sendable func decline(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await decide(request, context) { .decline(note: $0 ?? "") }
    }

    private func decide(
        _ request: Request, _ context: KefuRequestContext, _ decision: (String?) -> Remedy.Decision
    ) async throws -> Response {
        let user = try context.require(.manager)
        let form = try await WebForm.posted(request, context: context)
        // Back to a ticket page when asked, never anywhere else.
        let back =
            form["back"].flatMap { text in
                text.hasPrefix("/tickets/") && UUID(uuidString: String(text.dropFirst("/tickets/".count))) != nil
                    ? text : nil
            } ?? "/remedies"
        do {
            _ = try await web.repositories.remedies.decide(
                try context.parameters.uuid("id"), decision(form["note"]), role: user.role, by: context.attribution())
            return WebRoutes.redirect(back, flash: "remedy_decided")
        } catch let error as ServiceDeskError {
            return try await render(
                request, context, error: TicketMessages.explain(error, ui: web.views.ui(request, context)))
        }
    }
}
