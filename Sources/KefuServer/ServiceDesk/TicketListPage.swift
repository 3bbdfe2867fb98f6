import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/tickets`: the inbox. Views `mine`, `team`, `unassigned`, `pending_approval`, `breaching_soon` (unresolved
/// tickets only) and `all`; search, filters, sort and keyset pages as a GET form, so every state is
/// a link. Ticked rows can be assigned or closed together (POST `/tickets/bulk`); each ticket goes
/// through the same rules as alone, and the ones refused are listed with why.
struct TicketListPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "tickets", list)
        web.post(router, "tickets/bulk", bulk)
    }

    /// The most tickets one bulk action changes.
    static let bulkLimit = 200

    /// The page's tabs; `all` is every ticket in any status (the API without `view`).
    static let views = ["mine", "team", "unassigned", "pending_approval", "breaching_soon", "all"]

    struct ListView {
        var tabs: [Tab]
        var view: String
        var q: String
        var tag: String
        var statuses, types, priorities, channels, branches, owners, sorts, assignees: [Option]
        var rows: [Row]
        var empty: Bool
        var nextURL: String?
        var firstURL: String?
        var back: String
        var results: [String]
        var hasResults: Bool
    }

    struct Tab {
        var label: String
        var href: String
        var current: Bool
    }

    struct Row {
        var id: String
        var url: String
        var number: String
        var subject: String
        var customer: String
        var customerURL: String
        var status: String
        var statusCode: String
        var priority: String
        var priorityCode: String
        var type: String
        var channel: String
        var assignee: String
        var owner: String
        var updated: String
        /// The earliest running SLA due time, or empty.
        var due: String
        var overdue: Bool
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await render(request, context, results: [], status: .ok)
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, results: [String], status: HTTPResponse.Status
    ) async throws -> Response {
        let user = try context.require(.agent)
        let view = request.query("view")?.trimmedOrNil ?? "mine"
        guard Self.views.contains(view) else {
            throw Problem.badRequest("view must be one of \(Self.views.joined(separator: ", ")).", field: "view")
        }
        var query = try TicketQuery(request, cursors: web.database.cursors, readingView: false)
        query.view = TicketQuery.View(rawValue: view)
        query.viewerID = user.id
        let page = try await web.repositories.tickets.list(query)
        let now = web.database.clock.now()
        let sla = try await web.repositories.tickets.slaStatuses(of: page.items, now: now)
        let names = try await web.repositories.customers.names(of: page.items.map(\.customerID))
        let settings = try await web.repositories.settings.get()
        let branches = try await web.repositories.branches.list()
        let ui = web.views.ui(request, context)
        let labels = try await TicketLabels.load(ui: ui, users: web.repositories.users)
        let time = ui.formatter(timeZone: settings.timeZone)
        let filters: [(String, String?)] = [
            ("q", query.text), ("status", query.status?.rawValue), ("type", query.type?.rawValue),
            ("priority", query.priority?.rawValue), ("channel", query.channel?.rawValue), ("tag", query.tag),
            ("branch_id", query.branchID?.uuidString), ("owner_id", query.ownerID?.uuidString),
            ("customer_id", query.customerID?.uuidString), ("sort", request.query("sort")?.trimmedOrNil),
        ]
        let base = "/tickets?" + WebForm.queryString([("view", view)] + filters)
        let rows = page.items.map { ticket in
            Row(
                id: ticket.id.uuidString, url: "/tickets/\(ticket.id.uuidString)", number: ticket.number.description,
                subject: ticket.subject, customer: names[ticket.customerID] ?? "—",
                customerURL: "/customers/\(ticket.customerID.uuidString)", status: labels.status(ticket.status),
                statusCode: ticket.status.rawValue, priority: labels.priority(ticket.priority),
                priorityCode: ticket.priority.rawValue, type: labels.type(ticket.type),
                channel: labels.channel(ticket.channel), assignee: labels.person(ticket.assigneeID),
                owner: labels.person(ticket.ownerID), updated: time.string(from: ticket.updatedAt),
                due: sla[ticket.id]?.earliestDue.map(time.string(from:)) ?? "",
                overdue: sla[ticket.id].map { !$0.paused && ($0.earliestDue.map { $0 <= now } ?? false) } ?? false)
        }
        let back = base + (query.cursor.map { "&cursor=" + web.database.cursors.token(for: $0) } ?? "")
        let model = ListView(
            tabs: Self.views.map { name in
                Tab(
                    label: ui.t("tickets.view." + name),
                    href: "/tickets?" + WebForm.queryString([("view", name)] + filters), current: name == view)
            },
            view: view, q: query.text ?? "", tag: query.tag ?? "",
            statuses: labels.options(TicketStatus.self, selected: query.status, blank: ui.t("tickets.any_status")),
            types: labels.options(TicketType.self, selected: query.type, blank: ui.t("tickets.any_type")),
            priorities: labels.options(
                TicketPriority.self, selected: query.priority, blank: ui.t("tickets.any_priority")),
            channels: labels.options(TicketChannel.self, selected: query.channel, blank: ui.t("tickets.any_channel")),
            branches: [Option(value: "", label: ui.t("filter.any_branch"), selected: query.branchID == nil)]
                + branches.map {
                    Option(value: $0.id.uuidString, label: $0.profile.name, selected: $0.id == query.branchID)
                },
            owners: labels.people(selected: query.ownerID, blank: ui.t("tickets.any_owner")),
            sorts: TicketQuery.Sort.allCases.map {
                Option(value: $0.rawValue, label: ui.t("sort." + $0.rawValue), selected: $0 == query.sort)
            },
            assignees: labels.people(selected: nil, blank: ui.t("tickets.nobody")),
            rows: rows, empty: rows.isEmpty,
            nextURL: page.nextCursor.map { base + "&cursor=" + web.database.cursors.token(for: $0) },
            firstURL: query.cursor == nil ? nil : base, back: back, results: results,
            hasResults: !results.isEmpty)
        return ui.render(
            "tickets", title: ui.t("tickets.title"), model: model, status: status, flash: ui.flash(request))
    }

    /// Assigns (with the reason every transfer needs) or closes each ticked ticket; back to the
    /// list when all went through, else the list again with a line per refused ticket.
    @Sendable func bulk(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let form = try await WebForm.posted(request, context: context)
        let ui = web.views.ui(request, context)
        let ids = form.pairs.filter { $0.name == "id" }.compactMap { UUID(uuidString: $0.value) }
        let back = Self.safeBack(form.raw("back"))
        guard !ids.isEmpty else { return WebRoutes.redirect(back, flash: "tickets_none_selected") }
        // One page's worth (the list's largest page): each ticket is its own write.
        guard ids.count <= Self.bulkLimit else {
            throw Problem.badRequest("At most \(Self.bulkLimit) tickets at once.", field: "id")
        }
        let change: TicketChange
        switch form["action"] {
        case "assign":
            change = TicketChange(
                assigneeID: .some(form["assignee_id"].flatMap(UUID.init(uuidString:))),
                transferReason: form["transfer_reason"])
        case "close":
            change = TicketChange(status: .closed)
        default:
            throw Problem.badRequest("action must be assign or close.", field: "action")
        }
        var refused: [String] = []
        for id in ids {
            do {
                _ = try await web.repositories.tickets.update(id, with: change, by: context.attribution())
            } catch {
                let number = (try? await web.repositories.tickets.get(id).ticket.number.description) ?? id.uuidString
                refused.append("\(number): " + TicketMessages.explain(error, ui: ui))
            }
        }
        guard !refused.isEmpty else { return WebRoutes.redirect(back, flash: "tickets_bulk_done") }
        var head = request.head
        head.method = .get
        head.path = back
        return try await render(
            Request(head: head, body: .init(buffer: ByteBuffer())), context, results: refused,
            status: .unprocessableContent)
    }

    /// Where a bulk action returns: a path of this list, never elsewhere.
    static func safeBack(_ back: String) -> String {
        back.hasPrefix("/tickets?") || back == "/tickets" ? back : "/tickets"
    }
}
