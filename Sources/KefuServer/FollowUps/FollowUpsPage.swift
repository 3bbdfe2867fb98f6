import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/follow-ups` (agent+): the follow-ups still due of one person — the caller, or for managers whoever
/// `assignee_id` names — as overdue, today and upcoming (business-local dates), each with the customer's phone
/// to call, the plan's script in the page's language, and one click to record what came of it: POST
/// `/follow-ups/{id}` with `action` = `satisfied`, `neutral`, `issue_found` (done with that outcome; issue_found
/// then opens the new ticket's page) or `unreachable`, and an optional `note`.
struct FollowUpsPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "follow-ups", show)
        web.post(router, "follow-ups/:id", record)
    }

    struct PageView {
        var sections: [Section]
        var empty: Bool
        var error: String?
        var people: [Option]?
        var reportURL: String?
        var plansURL: String?
    }

    struct Section {
        var id: String
        var title: String
        var rows: [Row]
        var count: Int
        var more: Bool
    }

    struct Row {
        var id: String
        var customer: String
        var customerURL: String
        var phone: String?
        var phoneURL: String?
        var plan: String
        var channel: String
        var script: String?
        var dueOn: String
        var sourceTicketURL: String?
        var action: String
        var back: String
    }

    /// How many tasks each section shows.
    static let sectionSize = 50

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await render(request, context, error: nil)
    }

    @Sendable func record(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let user = try context.require(.agent)
        let form = try await WebForm.posted(request, context: context)
        let id = try context.parameters.uuid("id")
        let tasks = web.repositories.followUps
        if !user.role.includes(.manager), try await tasks.get(id).assigneeID != user.id {
            throw Problem(
                .forbidden, "forbidden", "Forbidden", detail: "Agents may update only the follow-ups assigned to them.")
        }
        let change: FollowUpTaskChange
        switch form["action"] {
        case "unreachable": change = FollowUpTaskChange(status: .unreachable, note: form["note"])
        case let action?:
            guard let outcome = FollowUpOutcome(rawValue: action) else { throw Problem.badRequest("Unknown action.") }
            change = FollowUpTaskChange(outcome: outcome, note: form["note"])
        case nil: throw Problem.badRequest("Choose what came of the follow-up.")
        }
        let back = Self.back(form["back"])
        do {
            let task = try await tasks.update(id, with: change, role: user.role, by: context.attribution())
            if change.outcome == .issueFound, let ticket = task.ticketID {
                return WebRoutes.redirect("/tickets/\(ticket.uuidString)", flash: "follow_up_ticket_opened")
            }
            return WebRoutes.redirect(back, flash: "follow_up_saved")
        } catch let error as DomainError {
            guard case .invalid(let errors) = error else { throw error }
            let ui = web.views.ui(request, context)
            return try await render(
                request, context, error: FieldMessages(errors, ui: ui, inputs: []).general.joined(separator: " "))
        }
    }

    /// Back to this page (with its `assignee_id`), never anywhere else.
    static func back(_ text: String?) -> String {
        guard let text, text == "/follow-ups" || text.hasPrefix("/follow-ups?") else { return "/follow-ups" }
        return text
    }

    private func render(_ request: Request, _ context: KefuRequestContext, error: String?) async throws -> Response {
        let user = try context.require(.agent)
        let ui = web.views.ui(request, context)
        let manager = user.role.includes(.manager)
        let assignee = manager ? try request.queryFields.uuid("assignee_id") ?? user.id : user.id
        let settings = try await web.repositories.settings.get()
        let today = CalendarDay(context.clock.now(), in: settings.zone)
        let tasks = web.repositories.followUps
        func due(from: CalendarDay?, before: CalendarDay?) async throws -> KefuCore.Page<FollowUpTask> {
            try await tasks.list(
                .init(assigneeID: assignee, status: .due, dueBefore: before, dueFrom: from), limit: Self.sectionSize,
                cursor: nil)
        }
        let parts = [
            ("overdue", "follow_up.overdue", try await due(from: nil, before: today)),
            ("today", "follow_up.today", try await due(from: today, before: today.adding(days: 1))),
            ("upcoming", "follow_up.upcoming", try await due(from: today.adding(days: 1), before: nil)),
        ]
        let all = parts.flatMap(\.2.items)
        let plans = try await FollowUpPlanNames.load(Set(all.compactMap(\.planID)), web.repositories.followUpPlans)
        let phones = try await web.repositories.customers.customers(all.map(\.customerID)).compactMapValues {
            $0.profile.phones.first
        }
        let back = "/follow-ups" + (assignee == user.id ? "" : "?assignee_id=\(assignee.uuidString)")
        let sections = parts.map { id, title, page in
            Section(
                id: id, title: ui.t(title),
                rows: page.items.map { task in
                    let phone = phones[task.customerID]
                    return Row(
                        id: task.id.uuidString, customer: task.customerName ?? "—",
                        customerURL: "/customers/\(task.customerID.uuidString)", phone: phone,
                        phoneURL: phone.map { "tel:" + $0 },
                        plan: task.planID.flatMap { plans[$0] } ?? ui.t("follow_up.no_plan"),
                        channel: ui.t("follow_up.channel." + task.channel.rawValue),
                        script: FollowUpScriptText.of(task.script, ui: ui), dueOn: task.dueOn.description,
                        sourceTicketURL: task.sourceTicketID.map { "/tickets/\($0.uuidString)" },
                        action: "/follow-ups/\(task.id.uuidString)", back: back)
                }, count: page.items.count, more: page.nextCursor != nil)
        }
        var people: [Option]?
        if manager {
            let staff = try await web.repositories.users.list(limit: 1_000, cursor: nil).items.filter(\.active)
            people = staff.map { Option(value: $0.id.uuidString, label: $0.name, selected: $0.id == assignee) }
        }
        let model = PageView(
            sections: sections, empty: all.isEmpty, error: error, people: people,
            reportURL: manager ? "/follow-ups/report" : nil, plansURL: manager ? "/follow-up-plans" : nil)
        return ui.render(
            "follow_ups", title: ui.t("follow_up.mine"), model: model,
            status: error == nil ? .ok : .unprocessableContent, flash: ui.flash(request))
    }
}

/// A script in the page's language, the other language's when that one is empty; nil when both are.
enum FollowUpScriptText {
    static func of(_ script: FollowUpScript, ui: WebUI) -> String? {
        script.text(chinese: ui.language == .zhHans).trimmedOrNil
    }
}

/// Plan names by id, for lists that show which plan made a task.
enum FollowUpPlanNames {
    static func load(_ ids: Set<UUID>, _ plans: FollowUpPlanRepository) async throws -> [UUID: String] {
        var names: [UUID: String] = [:]
        for id in ids { names[id] = try? await plans.get(id).name }
        return names
    }
}
