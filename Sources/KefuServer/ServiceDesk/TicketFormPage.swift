import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/tickets/new`: an agent logs a ticket from any channel. The customer comes from
/// `?customer_id=` (the customer page links here) or is found with `?customer_q=`; POST
/// `/tickets/new` creates the ticket and opens it. The owner is chosen by the first-contact rules
/// unless a manager names one; `received_at` (business time zone) dates a call or visit logged late.
struct TicketFormPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "tickets/new", show)
        web.post(router, "tickets/new", create)
    }

    struct FormView {
        var customerID: String
        var customerName: String?
        var customerErrors: [String]
        var customerQuery: String
        var matches: [Match]
        var searched: Bool
        var subject, description, tags, receivedAt: FieldView
        var types, channels, priorities: SelectView
        var branches, teams: [Option]
        var owners: SelectView?
        var general: [String]
        var hasErrors: Bool
    }

    struct Match {
        var name: String
        var detail: String
        var href: String
    }

    static let inputs: Set<String> = [
        "customer_id", "type", "channel", "subject", "description", "priority", "tags", "received_at", "owner_id",
    ]

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        var form = WebForm.query(request)
        if form["type"] == nil { form.pairs.append(("type", TicketType.inquiry.rawValue)) }
        if form["channel"] == nil { form.pairs.append(("channel", TicketChannel.phone.rawValue)) }
        return try await render(request, context, form: form, errors: [], status: .ok)
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let user = try context.require(.agent)
        let form = try await WebForm.posted(request, context: context)
        let settings = try await web.repositories.settings.get()
        do {
            let draft = try Self.draft(form, timeZone: settings.timeZone)
            let record = try await web.repositories.tickets.create(
                draft, creator: .staff(id: user.id, role: user.role), by: context.attribution())
            return WebRoutes.redirect("/tickets/\(record.ticket.id.uuidString)", flash: "ticket_created")
        } catch let failure as ValidationFailure {
            return try await render(request, context, form: form, errors: failure.errors, status: .unprocessableContent)
        } catch DomainError.invalid(let errors) {
            return try await render(request, context, form: form, errors: errors, status: .unprocessableContent)
        } catch let error as ServiceDeskError {
            let errors =
                error.fieldErrors.isEmpty
                ? [FieldError(field: "", code: error.code, message: error.message)]
                : error.fieldErrors
            return try await render(request, context, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    /// The posted form as a draft; a value that is not one of the choices, or an unreadable date,
    /// is a field error like the draft's own.
    static func draft(_ form: WebForm, timeZone: String) throws -> TicketDraft {
        var errors: [FieldError] = []
        func choice<Value: RawRepresentable<String>>(_ name: String, _ type: Value.Type) -> Value? {
            do throws(ValidationFailure) {
                return try form.choice(name, type)
            } catch {
                errors += error.errors
                return nil
            }
        }
        func id(_ name: String) -> UUID? {
            guard let text = form[name] else { return nil }
            guard let id = UUID(uuidString: text) else {
                errors.append(FieldError(field: name, code: "invalid_id", message: "Not a valid id."))
                return nil
            }
            return id
        }
        let customerID = id("customer_id")
        if customerID == nil, form["customer_id"] == nil {
            errors.append(FieldError(field: "customer_id", code: "customer_required", message: "Choose the customer."))
        }
        let type = choice("type", TicketType.self)
        let channel = choice("channel", TicketChannel.self)
        let priority = choice("priority", TicketPriority.self)
        var receivedAt: Date?
        if let text = form["received_at"] {
            receivedAt = LocalTime.date(text, timeZone: timeZone)
            if receivedAt == nil {
                errors.append(FieldError(field: "received_at", code: "invalid_date", message: "Not a date and time."))
            }
        }
        let branchID = id("branch_id")
        let teamID = id("team_id")
        let ownerID = id("owner_id")
        guard errors.isEmpty, let customerID else { throw ValidationFailure(errors) }
        return TicketDraft(
            customerID: customerID, type: type ?? .inquiry, channel: channel ?? .phone, subject: form.raw("subject"),
            description: form.raw("description"), priority: priority, branchID: branchID, teamID: teamID,
            tags: WebForm.list(form.raw("tags")), receivedAt: receivedAt, ownerID: ownerID)
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, form: WebForm, errors: [FieldError],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let labels = try await TicketLabels.load(ui: ui, users: web.repositories.users)
        let messages = FieldMessages(errors, ui: ui, inputs: Self.inputs)
        var customerName: String?
        if let id = form["customer_id"].flatMap(UUID.init(uuidString:)) {
            customerName = try await web.repositories.customers.names(of: [id])[id]
        }
        let customerQuery = request.query("customer_q")?.trimmedOrNil
        var matches: [Match] = []
        if let customerQuery {
            var query = CustomerQuery()
            query.text = customerQuery
            query.limit = 10
            matches = try await web.repositories.customers.list(query).items.map { customer in
                var chosen = form
                chosen.pairs.removeAll { $0.name == "customer_id" || $0.name == "customer_q" }
                chosen.pairs.append(("customer_id", customer.id.uuidString))
                return Match(
                    name: customer.profile.name,
                    detail: (customer.profile.phones + customer.profile.emails).joined(separator: ", "),
                    href: "/tickets/new?" + WebForm.queryString(chosen.pairs.map { ($0.name, $0.value) }))
            }
        }
        func field(_ name: String) -> FieldView { messages.field(name, value: form.raw(name)) }
        func select<Value: RawRepresentable<String> & CaseIterable>(
            _ name: String, _ type: Value.Type, blank: String? = nil
        ) -> SelectView {
            SelectView(
                options: labels.options(type, selected: form[name].flatMap(Value.init(rawValue:)), blank: blank),
                errors: messages.byInput[name] ?? [], invalid: messages.byInput[name] != nil)
        }
        let branchID = form["branch_id"]
        let teamID = form["team_id"]
        let model = FormView(
            customerID: form.raw("customer_id"), customerName: customerName,
            customerErrors: messages.byInput["customer_id"] ?? [], customerQuery: customerQuery ?? "",
            matches: matches, searched: customerQuery != nil, subject: field("subject"),
            description: field("description"), tags: field("tags"), receivedAt: field("received_at"),
            types: select("type", TicketType.self), channels: select("channel", TicketChannel.self),
            priorities: select("priority", TicketPriority.self, blank: ui.t("ticket.priority.default")),
            branches: [Option(value: "", label: ui.t("ticket.no_branch"), selected: branchID == nil)]
                + (try await web.repositories.branches.list()).map {
                    Option(value: $0.id.uuidString, label: $0.profile.name, selected: $0.id.uuidString == branchID)
                },
            teams: [Option(value: "", label: ui.t("ticket.no_team"), selected: teamID == nil)]
                + (try await web.repositories.teams.list()).map {
                    Option(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == teamID)
                },
            owners: ui.can(.manager)
                ? SelectView(
                    options: labels.people(
                        selected: form["owner_id"].flatMap(UUID.init(uuidString:)),
                        blank: ui.t("ticket.owner_by_rules")),
                    errors: messages.byInput["owner_id"] ?? [], invalid: messages.byInput["owner_id"] != nil) : nil,
            general: messages.general, hasErrors: !messages.isEmpty)
        return ui.render("ticket_form", title: ui.t("tickets.new"), model: model, status: status)
    }
}
