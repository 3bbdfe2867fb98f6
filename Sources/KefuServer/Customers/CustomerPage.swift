import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/customers/{id}`: profile, tags, key contacts, relationship health, loyalty, cross-sell suggestions, latest purchases, timeline, and the forms acting on them. They post to
/// `/customers/{id}/notes`, `/customers/{id}/contacts` (add), `/customers/{id}/contacts/{contactId}`
/// (edit), `/customers/{id}/contacts/{contactId}/delete`, `/customers/{id}/merge` (manager+:
/// merge another customer into this one) and `/customers/{id}/delete` (admin). A merged customer's
/// page redirects to the survivor.
struct CustomerPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "customers/:id", show)
        web.post(router, "customers/:id/notes", addNote)
        web.post(router, "customers/:id/contacts", addContact)
        web.post(router, "customers/:id/contacts/:contactId", updateContact)
        web.post(router, "customers/:id/contacts/:contactId/delete", deleteContact)
        web.post(router, "customers/:id/merge", merge)
        web.post(router, "customers/:id/delete", delete)
    }

    /// What a failed post leaves on the page: the input and its messages.
    struct Failure {
        var note: (text: String, messages: [String])?
        var contact: (id: UUID?, values: ContactFormValues, messages: FieldMessages)?
        var merge: (text: String, messages: [String], conflictURL: String?)?
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        return try await render(
            request, context, id: try context.parameters.uuid("id"), failure: Failure(), status: .ok)
    }

    @Sendable func addNote(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        do {
            _ = try await web.repositories.notes.create(
                customerID: id, body: form.raw("body"), by: context.attribution())
            return WebRoutes.redirect("/customers/\(id.uuidString)", flash: "note_added")
        } catch DomainError.invalid(let errors) {
            let ui = web.views.ui(request, context)
            let failure = Failure(note: (form.raw("body"), errors.map { ui.t("error." + $0.code) }))
            return try await render(request, context, id: id, failure: failure, status: .unprocessableContent)
        }
    }

    @Sendable func addContact(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await saveContact(request, context, contactID: nil)
    }

    @Sendable func updateContact(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await saveContact(request, context, contactID: try context.parameters.uuid("contactId"))
    }

    private func saveContact(
        _ request: Request, _ context: KefuRequestContext, contactID: UUID?
    ) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        let values = ContactFormValues(form: form)
        let contacts = web.repositories.contacts
        do {
            let profile = try values.profile()
            if let contactID {
                _ = try await contacts.update(
                    customerID: id, contactID: contactID, to: profile, by: context.attribution())
            } else {
                _ = try await contacts.create(customerID: id, profile, by: context.attribution())
            }
            return WebRoutes.redirect(
                "/customers/\(id.uuidString)", flash: contactID == nil ? "contact_added" : "contact_saved")
        } catch {
            let errors: [FieldError]
            switch error {
            case let failure as ValidationFailure: errors = failure.errors
            case DomainError.invalid(let found): errors = found
            default: throw error
            }
            let ui = web.views.ui(request, context)
            let messages = FieldMessages(errors, ui: ui, values: { values[$0] }, inputs: Set(ContactFormValues.inputs))
            let failure = Failure(contact: (contactID, values, messages))
            return try await render(request, context, id: id, failure: failure, status: .unprocessableContent)
        }
    }

    @Sendable func deleteContact(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        _ = try await WebForm.posted(request, context: context)
        try await web.repositories.contacts.delete(
            customerID: id, contactID: try context.parameters.uuid("contactId"),
            by: context.attribution())
        return WebRoutes.redirect("/customers/\(id.uuidString)", flash: "contact_deleted")
    }

    @Sendable func merge(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let id = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        let ui = web.views.ui(request, context)
        let text = form.raw("duplicate_id")
        guard let duplicateID = PastedID.parse(text) else {
            let failure = Failure(merge: (text, [ui.t("error.invalid_id")], nil))
            return try await render(request, context, id: id, failure: failure, status: .unprocessableContent)
        }
        do {
            _ = try await web.repositories.customers.merge(
                duplicateID: duplicateID, into: id, by: context.attribution())
            return WebRoutes.redirect("/customers/\(id.uuidString)", flash: "merged")
        } catch DomainError.invalid(let errors) {
            let failure = Failure(merge: (text, errors.map { ui.t("error." + $0.code) }, nil))
            return try await render(request, context, id: id, failure: failure, status: .unprocessableContent)
        } catch DomainError.notFound {
            let failure = Failure(merge: (text, [ui.t("error.not_found")], nil))
            return try await render(request, context, id: id, failure: failure, status: .unprocessableContent)
        } catch DomainError.conflict(_, _, let other) {
            let failure = Failure(
                merge: (text, [ui.t("error.already_merged")], other.map { "/customers/\($0.uuidString)" }))
            return try await render(request, context, id: id, failure: failure, status: .conflict)
        }
    }

    @Sendable func delete(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let id = try context.parameters.uuid("id")
        _ = try await WebForm.posted(request, context: context)
        try await web.repositories.customers.delete(id, by: context.attribution())
        return WebRoutes.redirect("/customers", flash: "customer_deleted")
    }

    // MARK: - the page

    struct CustomerView {
        var id: String
        var name: String
        var badges: [CustomerProfileView.Badge]
        var tags: [String]
        var details: [Detail]
        var custom: [Detail]
        var editURL: String
        var contacts: [ContactView]
        var noContacts: Bool
        var newContact: ContactFormView
        var health: HealthView
        var purchases: [PurchaseView]
        var noPurchases: Bool
        /// The customer's loyalty membership; nil offers to enrol them.
        var membership: MembershipView?
        /// What to suggest to them (`CrossSell`); nil hides the card.
        var crossSell: CrossSellCard?
        var timeline: [EventView]
        var timelineMoreURL: String?
        var timelineFirstURL: String?
        var note: FieldView
        var canMerge: Bool
        var merge: FieldView
        var canDelete: Bool
    }

    struct Detail {
        var label: String
        var value: String
    }

    struct ContactView {
        var id: String
        var name: String
        var title: String?
        var details: [Detail]
        var form: ContactFormView
        var deleteURL: String
    }

    /// The loyalty card: the member number, tier and balance, linking to the member page.
    struct MembershipView {
        var url: String
        var number: String
        var tier: String
        var balance: Int
    }

    /// The cross-sell card: its suggestions, best first.
    struct CrossSellCard {
        var suggestions: [SuggestionView]
    }

    /// A cross-sell suggestion: the sku and its name, the rule that gives it, its confidence and lift.
    struct SuggestionView {
        var sku: String
        var name: String
        var rule: String
        var confidence: String
        var lift: String
    }

    /// A line of the purchases list: when, how much, what.
    struct PurchaseView {
        var id: String
        var when: String
        var amount: String
        var items: String?
        var isRefund: Bool
    }

    /// The health card: the balance rounded for display, the at-risk badge and the latest movements.
    struct HealthView {
        var balance: String
        var atRisk: Bool
        var movements: [MovementView]
        var noMovements: Bool
    }

    struct MovementView {
        var kind: String
        var label: String
        var when: String
        var contribution: String
        var withdrawal: Bool
    }

    /// Movements the card lists.
    static let healthMovements = 20

    struct EventView {
        var when: String
        var label: String
        var detail: String?
        var kind: String
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, id: UUID, failure: Failure,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let customer = try await web.repositories.customers.get(id)
        let settings = try await web.repositories.settings.get()
        let contacts = try await web.repositories.contacts.list(customerID: id)
        let cursor = try request.queryCursor(web.database.cursors, name: "timeline_cursor")
        let events = try await Timeline.list(in: web.database, customerID: id, limit: 20, cursor: cursor)
        let purchases = try await web.repositories.purchases.list(customerID: id, limit: 10, cursor: nil).items
        let health = try await web.repositories.health.health(of: id, limit: Self.healthMovements)
        let member = try await web.repositories.loyalty.member(ofCustomer: id)
        let suggestions = try await web.repositories.crossSell.suggestions(forCustomer: id)
        let ui = web.views.ui(request, context)
        let time = ui.formatter(timeZone: settings.timeZone)
        let p = customer.profile
        var branchName: String?
        if let branchID = p.branchID {
            branchName = try? await web.repositories.branches.get(branchID).profile.name
        }
        var managerName: String?
        if let managerID = p.accountManagerID {
            managerName = try? await web.repositories.users.get(managerID).name
        }
        let profile = CustomerProfileView(p, branchName: branchName, accountManagerName: managerName, ui: ui)
        let details =
            profile.details + [
                Detail(label: ui.t("customer.created"), value: time.string(from: customer.createdAt)),
                Detail(label: ui.t("customer.updated"), value: time.string(from: customer.updatedAt)),
            ]
        let custom = settings.customFields.compactMap { definition in
            p.customFields[definition.key].map { Detail(label: definition.label, value: $0.text) }
        }
        let base = "/customers/\(id.uuidString)"
        let contactViews = contacts.map { contact in
            let editing = failure.contact.flatMap { $0.id == contact.id ? $0 : nil }
            let form = ContactFormView(
                values: editing?.values ?? ContactFormValues(contact.profile),
                messages: editing?.messages ?? FieldMessages([], ui: ui), ui: ui,
                action: "\(base)/contacts/\(contact.id.uuidString)", prefix: "c\(contact.id.uuidString.prefix(8))")
            return ContactView(
                id: contact.id.uuidString, name: contact.profile.name, title: contact.profile.title,
                details: Self.contactDetails(contact.profile, ui: ui), form: form,
                deleteURL: "\(base)/contacts/\(contact.id.uuidString)/delete")
        }
        let adding = failure.contact.flatMap { $0.id == nil ? $0 : nil }
        let model = CustomerView(
            id: id.uuidString, name: p.name, badges: profile.badges, tags: p.tags, details: details, custom: custom,
            editURL: "\(base)/edit", contacts: contactViews,
            noContacts: contacts.isEmpty,
            newContact: ContactFormView(
                values: adding?.values ?? ContactFormValues(KeyContactProfile()),
                messages: adding?.messages ?? FieldMessages([], ui: ui), ui: ui,
                action: "\(base)/contacts", prefix: "nc"),
            health: Self.health(health, ui: ui, time: time),
            purchases: purchases.map { Self.purchase($0, time: time) }, noPurchases: purchases.isEmpty,
            membership: member.map {
                MembershipView(
                    url: "/loyalty/members/\($0.id.uuidString)", number: $0.number, tier: $0.tier, balance: $0.balance)
            },
            crossSell: suggestions.rules.isEmpty ? nil : Self.crossSell(suggestions, ui: ui),
            timeline: events.items.map { Self.event($0, ui: ui, time: time) },
            timelineMoreURL: events.nextCursor.map {
                "\(base)?timeline_cursor=\(web.database.cursors.token(for: $0))#timeline"
            },
            timelineFirstURL: cursor == nil ? nil : "\(base)#timeline",
            note: FieldView(
                value: failure.note?.text ?? "", errors: failure.note?.messages ?? [],
                invalid: failure.note != nil, conflictURL: nil),
            canMerge: ui.can(.manager),
            merge: FieldView(
                value: failure.merge?.text ?? "", errors: failure.merge?.messages ?? [],
                invalid: failure.merge != nil, conflictURL: failure.merge?.conflictURL),
            canDelete: ui.can(.admin))
        return ui.render("customer", title: p.name, model: model, status: status, flash: ui.flash(request))
    }

    static func contactDetails(_ c: KeyContactProfile, ui: WebUI) -> [Detail] {
        [
            ("contact.phones", c.phones.joined(separator: ", ")), ("contact.emails", c.emails.joined(separator: ", ")),
            ("contact.interests", c.interests ?? ""), ("contact.habits", c.habits ?? ""),
            ("contact.topics_to_raise", c.topicsToRaise ?? ""), ("contact.topics_to_avoid", c.topicsToAvoid ?? ""),
            ("contact.personality", c.personality.map { ui.t("personality." + $0.rawValue) } ?? ""),
        ]
        .filter { !$0.1.isEmpty }.map { Detail(label: ui.t($0.0), value: $0.1) }
    }

    static func crossSell(_ found: CrossSell.Rules, ui: WebUI) -> CrossSellCard {
        let name = { (sku: String) in found.names[sku] ?? sku }
        return CrossSellCard(
            suggestions: found.rules.map { rule in
                SuggestionView(
                    sku: rule.consequent, name: name(rule.consequent),
                    rule: ui.t("cross_sell.rule", ["x": name(rule.antecedent), "y": name(rule.consequent)]),
                    confidence: ReportColumn.named("confidence", .percent)
                        .display(.percent(rule.basketsBoth, of: rule.basketsAntecedent)),
                    lift: ReportColumn.named("lift", .score).display(.score(rule.lift)))
            })
    }

    static func purchase(_ purchase: Purchase, time: DateFormatter) -> PurchaseView {
        let items = purchase.items.map { "\($0.name) ×\($0.quantity)" }.joined(separator: ", ")
        return PurchaseView(
            id: purchase.id.uuidString, when: time.string(from: purchase.purchasedAt),
            amount: purchase.currency + " " + MinorUnits.decimalText(purchase.total),
            items: items.isEmpty ? nil : items,
            isRefund: purchase.isRefund)
    }

    /// A timeline line: the localised kind, and the detail people need (the note, the changed fields…).
    static func health(_ health: HealthBalance, ui: WebUI, time: DateFormatter) -> HealthView {
        HealthView(
            balance: String(format: "%.1f", health.balance), atRisk: health.atRisk,
            movements: health.movements.map { movement in
                MovementView(
                    kind: movement.kind.rawValue, label: ui.t("health.kind." + movement.kind.rawValue),
                    when: time.string(from: movement.at), contribution: String(format: "%+.2f", movement.contribution),
                    withdrawal: movement.contribution < 0)
            }, noMovements: health.movements.isEmpty)
    }

    static func event(_ event: TimelineEvent, ui: WebUI, time: DateFormatter) -> EventView {
        let detail: String
        switch event.kind {
        case CustomerEventKind.noteAdded:
            detail = event.summary
        case CustomerEventKind.updated:
            detail = (event.data["fields"] ?? "").split(separator: ",").map { field in
                ui.strings.has("customer." + field) ? ui.t("customer." + field) : String(field)
            }.joined(separator: ", ")
        case CustomerEventKind.merged:
            detail = event.data["duplicate_name"] ?? event.summary
        case CustomerEventKind.contactAdded, CustomerEventKind.contactUpdated, CustomerEventKind.contactRemoved:
            // The store writes "Key contact added: <name>"; the name is the useful part.
            detail =
                event.summary.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
                ?? ""
        case TicketEventKind.transferred:
            // The store writes "<number> <reason>"; a reason the system gave is a code, read as words.
            let parts = event.summary.split(separator: " ", maxSplits: 1).map(String.init)
            detail =
                parts.count == 2 ? parts[0] + " " + TransferReasonText.of(parts[1], strings: ui.strings) : event.summary
        case CustomerEventKind.created, CustomerEventKind.imported, CustomerEventKind.deleted:
            detail = ""
        default:
            detail = event.summary
        }
        let key = "event." + event.kind
        return EventView(
            when: time.string(from: event.occurredAt), label: ui.strings.has(key) ? ui.t(key) : event.kind,
            detail: detail.isEmpty ? nil : detail, kind: event.kind.replacingOccurrences(of: ".", with: "-"))
    }
}
