import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/admin/sla-policies` (admin, like every `/admin` page; other staff read policies through the API):
/// the policies with their targets in words, create (POST `/admin/sla-policies`), edit (POST
/// `/admin/sla-policies/{id}`) and delete (POST `/admin/sla-policies/{id}/delete`). Tiers, priorities
/// and types are checkboxes; none ticked matches any.
struct AdminSLAPoliciesPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "admin/sla-policies", show)
        web.post(router, "admin/sla-policies") { try await save($0, $1, id: nil) }
        web.post(router, "admin/sla-policies/:id") { try await save($0, $1, id: try $1.parameters.uuid("id")) }
        web.post(router, "admin/sla-policies/:id/delete", delete)
    }

    struct PageView {
        var policies: [Row]
        var empty: Bool
        var newPolicy: PolicyForm
    }

    struct Row {
        var name: String
        var tiers, priorities, types: String
        var firstResponse, nextReply, resolution: String
        var raisesPriority: Bool
        var form: PolicyForm
        var deleteURL: String
    }

    struct PolicyForm {
        var action: String
        var prefix: String
        var open: Bool
        var general: [String]
        var name: FieldView
        var tiers, priorities, types: Checks
        var firstResponse, nextReply, resolution: FieldView
        var raisePriority: Bool
    }

    /// A group of checkboxes sharing one input name, with its messages.
    struct Checks {
        var options: [Option]
        var errors: [String]
    }

    /// A form that failed, to show again with what was typed.
    private typealias Failure = (id: UUID?, form: WebForm, messages: FieldMessages)

    private static let inputs: Set<String> = [
        "name", "tiers", "priorities", "types", "first_response_minutes", "next_reply_minutes", "resolution_minutes",
    ]

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        return try await render(request, context, failed: nil, status: .ok)
    }

    @Sendable func delete(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        _ = try await WebForm.posted(request, context: context)
        try await web.repositories.slaPolicies.delete(try context.parameters.uuid("id"), by: context.attribution())
        return WebRoutes.redirect("/admin/sla-policies", flash: "sla_policy_deleted")
    }

    private func save(_ request: Request, _ context: KefuRequestContext, id: UUID?) async throws -> Response {
        try context.require(.admin)
        let form = try await WebForm.posted(request, context: context)
        let repository = web.repositories.slaPolicies
        do {
            let draft = try Self.draft(form, knownTiers: try await web.repositories.settings.get().tiers)
            if let id {
                _ = try await repository.update(id, to: draft, by: context.attribution())
            } else {
                _ = try await repository.create(draft, by: context.attribution())
            }
            return WebRoutes.redirect("/admin/sla-policies", flash: "sla_policy_saved")
        } catch {
            guard let (errors, status) = AdminUsersPage.formErrors(error) else { throw error }
            let messages = FieldMessages(errors, ui: web.views.ui(request, context), inputs: Self.inputs)
            return try await render(request, context, failed: (id, form, messages), status: status)
        }
    }

    /// The policy as posted. A minutes box that is not a whole number (or an empty required one) is an
    /// error on its input, reported together with the policy's own validation errors.
    static func draft(_ form: WebForm, knownTiers: [String]) throws -> SLAPolicyDraft {
        var unreadable: [FieldError] = []
        func minutes(_ name: String, required: Bool) -> Int? {
            guard let text = form[name] else {
                if required { unreadable.append(FieldError(field: name, code: "required", message: "Required.")) }
                return nil
            }
            guard let value = Int(text) else {
                unreadable.append(FieldError(field: name, code: "not_whole_number", message: "Enter a whole number."))
                return nil
            }
            return value
        }
        func ticked(_ name: String) -> [String]? {
            let values = form.pairs.filter { $0.name == name }.map(\.value)
            return values.isEmpty ? nil : values
        }
        func choices<Value: RawRepresentable<String>>(_ name: String, as _: Value.Type) -> [Value]? {
            let texts = ticked(name)
            let values = texts?.compactMap(Value.init(rawValue:))
            if values?.count != texts?.count {
                unreadable.append(FieldError(field: name, code: "invalid", message: "Not one of the choices."))
            }
            return values.flatMap { $0.isEmpty ? nil : $0 }
        }
        let first = minutes("first_response_minutes", required: true)
        let resolution = minutes("resolution_minutes", required: true)
        let draft = SLAPolicyDraft(
            name: form.raw("name"), tiers: ticked("tiers"), priorities: choices("priorities", as: TicketPriority.self),
            types: choices("types", as: TicketType.self), firstResponseMinutes: first ?? 1,
            nextReplyMinutes: minutes("next_reply_minutes", required: false), resolutionMinutes: resolution ?? 1,
            raisePriorityOnBreach: form.has("raise_priority_on_breach"))
        guard !unreadable.isEmpty else { return draft }
        do {
            _ = try draft.validated(knownTiers: knownTiers)
        } catch {
            unreadable += error.errors
        }
        throw ValidationFailure(unreadable)
    }

    /// Business minutes in words: "1 h 30 min", "1小时30分钟".
    static func duration(_ minutes: Int, ui: WebUI) -> String {
        let (hours, rest) = minutes.quotientAndRemainder(dividingBy: 60)
        let values = ["hours": String(hours), "minutes": String(rest)]
        if hours == 0 { return ui.t("sla.minutes", values) }
        return rest == 0 ? ui.t("sla.hours", values) : ui.t("sla.hours_minutes", values)
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, failed: Failure?, status: HTTPResponse.Status
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let tiers = try await web.repositories.settings.get().tiers
        func form(_ policy: SLAPolicy?) -> PolicyForm {
            let failure = failed.flatMap { $0.id == policy?.id ? $0 : nil }
            let messages = failure?.messages ?? FieldMessages([], ui: ui)
            func value(_ name: String, _ stored: Int?) -> String {
                failure.map { $0.form.raw(name) } ?? stored.map(String.init) ?? ""
            }
            func checks(_ name: String, _ values: [String], stored: [String]?, label: (String) -> String) -> Checks {
                let ticked = failure.map { failure in failure.form.pairs.filter { $0.name == name }.map(\.value) }
                let chosen = Set(ticked ?? stored ?? [])
                let shown = values + chosen.filter { !values.contains($0) }.sorted()
                return Checks(
                    options: shown.map { Option(value: $0, label: label($0), selected: chosen.contains($0)) },
                    errors: messages.byInput[name] ?? [])
            }
            return PolicyForm(
                action: policy.map { "/admin/sla-policies/\($0.id.uuidString)" } ?? "/admin/sla-policies",
                prefix: policy.map { "p" + $0.id.uuidString.prefix(8) } ?? "np", open: failure != nil && policy != nil,
                general: messages.general,
                name: messages.field("name", value: failure.map { $0.form.raw("name") } ?? policy?.name ?? ""),
                tiers: checks("tiers", tiers, stored: policy?.tiers, label: { $0 }),
                priorities: checks(
                    "priorities", TicketPriority.allCases.map(\.rawValue), stored: policy?.priorities?.map(\.rawValue),
                    label: { ui.t("ticket.priority." + $0) }),
                types: checks(
                    "types", TicketType.allCases.map(\.rawValue), stored: policy?.types?.map(\.rawValue),
                    label: { ui.t("ticket.type." + $0) }),
                firstResponse: messages.field(
                    "first_response_minutes", value: value("first_response_minutes", policy?.firstResponseMinutes)),
                nextReply: messages.field(
                    "next_reply_minutes", value: value("next_reply_minutes", policy?.nextReplyMinutes)),
                resolution: messages.field(
                    "resolution_minutes", value: value("resolution_minutes", policy?.resolutionMinutes)),
                raisePriority: failure.map { $0.form.has("raise_priority_on_breach") }
                    ?? policy?.raisePriorityOnBreach ?? false)
        }
        func list(_ values: [String]?, label: (String) -> String) -> String {
            values.map { $0.map(label).joined(separator: ", ") } ?? ui.t("sla.any")
        }
        let rows = try await web.repositories.slaPolicies.list().map { policy in
            Row(
                name: policy.name, tiers: list(policy.tiers, label: { $0 }),
                priorities: list(policy.priorities?.map(\.rawValue), label: { ui.t("ticket.priority." + $0) }),
                types: list(policy.types?.map(\.rawValue), label: { ui.t("ticket.type." + $0) }),
                firstResponse: Self.duration(policy.firstResponseMinutes, ui: ui),
                nextReply: policy.nextReplyMinutes.map { Self.duration($0, ui: ui) } ?? "—",
                resolution: Self.duration(policy.resolutionMinutes, ui: ui),
                raisesPriority: policy.raisePriorityOnBreach, form: form(policy),
                deleteURL: "/admin/sla-policies/\(policy.id.uuidString)/delete")
        }
        let model = PageView(policies: rows, empty: rows.isEmpty, newPolicy: form(nil))
        return ui.render(
            "admin_sla_policies", title: ui.t("sla.title"), model: model, status: status, flash: ui.flash(request))
    }
}
