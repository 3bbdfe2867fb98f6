import Foundation
import HTTPTypes
import Hummingbird
import KefuCore
import KefuStore

/// `/admin/queue?branch={id}` (admin): a branch's queue set-up of issue 14 §1 — its services (POST
/// `/admin/queue/branches/{id}/services`, `/admin/queue/services/{id}`), its counters with their services in order
/// (`/admin/queue/branches/{id}/counters`, `/admin/queue/counters/{id}`), the calling policy (`…/policy`), the
/// settings (`…/settings`), the kiosk's and board's device key (`…/device-key`, shown once with their URLs) and a
/// printable poster whose QR code opens the remote join page (`…/join-poster`, a new year-long link).
/// Each form calls the store method the API calls, so it is audited alike; a refused one shows the page again
/// with the messages by the form and writes nothing.
struct AdminQueuePage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "admin/queue", show)
        web.post(router, "admin/queue/branches/:id/services", createService)
        web.post(router, "admin/queue/services/:id", updateService)
        web.post(router, "admin/queue/branches/:id/counters", createCounter)
        web.post(router, "admin/queue/counters/:id", updateCounter)
        web.post(router, "admin/queue/branches/:id/policy", setPolicy)
        web.post(router, "admin/queue/branches/:id/settings", configure)
        web.post(router, "admin/queue/branches/:id/device-key", renewKey)
        web.post(router, "admin/queue/branches/:id/join-poster", joinPoster)
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let branch = try WebForm.query(request)["branch"].map { text in
            guard let id = UUID(uuidString: text) else { throw Problem.badRequest("Not a branch id.", field: "branch") }
            return id
        }
        return try await render(request, context, branchID: branch, state: .init(), status: .ok)
    }

    @Sendable func createService(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let branchID = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        return try await attempt(request, context, branchID: branchID, form: form, formID: "service-new") {
            _ = try await web.repositories.queueSetup.createService(
                branchID: branchID, try Self.serviceInput(form), by: context.attribution())
        }
    }

    @Sendable func updateService(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let id = try context.parameters.uuid("id")
        let service = try await web.repositories.queueSetup.service(id)
        let form = try await WebForm.posted(request, context: context)
        return try await attempt(request, context, branchID: service.branchID, form: form, formID: "service-\(id)") {
            _ = try await web.repositories.queueSetup.updateService(
                id, try Self.serviceInput(form), by: context.attribution())
        }
    }

    @Sendable func createCounter(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let branchID = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        return try await attempt(request, context, branchID: branchID, form: form, formID: "counter-new") {
            let services = try await serviceIDs(form, branchID: branchID)
            _ = try await web.repositories.queueSetup.createCounter(
                branchID: branchID, name: form.raw("name"), serviceIDs: services, by: context.attribution())
        }
    }

    @Sendable func updateCounter(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let id = try context.parameters.uuid("id")
        let counter = try await web.repositories.queueSetup.counter(id)
        let form = try await WebForm.posted(request, context: context)
        return try await attempt(request, context, branchID: counter.branchID, form: form, formID: "counter-\(id)") {
            let services = try await serviceIDs(form, branchID: counter.branchID)
            _ = try await web.repositories.queueSetup.updateCounter(
                id, .init(name: form.raw("name"), serviceIDs: services, open: form.has("open")),
                by: context.attribution())
        }
    }

    @Sendable func setPolicy(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let branchID = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        return try await attempt(request, context, branchID: branchID, form: form, formID: "policy") {
            let kind = form["kind"] ?? ""
            let minutes = try kind == QueuePolicy.Kind.aged.rawValue ? Self.number(form, "aging_minutes") : nil
            let policy = try QueuePolicy(kind: kind, agingMinutes: minutes)
            _ = try await web.repositories.queueSetup.setPolicy(branchID, policy, by: context.attribution())
        }
    }

    @Sendable func configure(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let branchID = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        return try await attempt(request, context, branchID: branchID, form: form, formID: "settings") {
            let order = try QueueClassOrder(
                try WebForm.list(form.raw("class_order")).map { text in
                    guard let queueClass = QueueClass(rawValue: text.lowercased()) else {
                        throw ValidationFailure([FieldError(field: "class_order", code: "invalid_order", message: "")])
                    }
                    return queueClass
                })
            guard let recalls = form["no_show_after_recalls"].flatMap({ Int($0) }) else {
                throw DomainError.invalid([
                    FieldError(field: "no_show_after_recalls", code: "not_whole_number", message: "")
                ])
            }
            _ = try await web.repositories.queueSetup.configure(
                branchID, classOrder: order, tierClasses: try Self.tierClasses(form.raw("tier_classes")),
                noShowAfterRecalls: recalls, boardMessage: form.raw("board_message"), by: context.attribution())
        }
    }

    /// A new device key, shown on the page this once with the kiosk's and board's addresses.
    @Sendable func renewKey(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let branchID = try context.parameters.uuid("id")
        _ = try await WebForm.posted(request, context: context)
        let key = try await web.repositories.queueSetup.renewDeviceKey(branchID, by: context.attribution())
        return try await render(request, context, branchID: branchID, state: .init(newKey: key), status: .ok)
    }

    /// A new remote join link (the API's `join-link`), shown as a poster to print: the QR code, the address and
    /// until when it works. With `retire_old` every older poster stops working first.
    @Sendable func joinPoster(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let branchID = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        if form["retire_old"] == "1" {
            try await web.repositories.queueSetup.retireJoinLinks(branchID, by: context.attribution())
        }
        let link = try await web.repositories.queueSetup.joinLink(branchID, by: context.attribution())
        let url = web.configuration.publicLink(
            "/join/\(branchID.uuidString.lowercased())?token=\(link.token)", request: request)
        let state = State(joinLink: .init(url: url, expiresAt: link.expiresAt))
        return try await render(request, context, branchID: branchID, state: state, status: .ok)
    }

    // MARK: Reading the forms

    static func serviceInput(_ form: WebForm) throws -> QueueService.Input {
        var errors: [FieldError] = []
        func minutes(_ name: String) -> Double {
            do { return try number(form, name) } catch {
                errors += error.errors
                return 0
            }
        }
        let input = QueueService.Input(
            name: form.raw("name"), nameEn: form["name_en"], prefix: form.raw("prefix"),
            expectedServiceMinutes: minutes("expected_service_minutes"),
            targetWaitMinutes: minutes("target_wait_minutes"), active: form.has("active"))
        guard errors.isEmpty else {
            // The store would check the rest: say everything that is wrong at once.
            do { _ = try input.validated() } catch {
                errors += error.errors.filter { other in !errors.contains { $0.field == other.field } }
            }
            throw DomainError.invalid(errors)
        }
        return input
    }

    static func number(_ form: WebForm, _ name: String) throws(ValidationFailure) -> Double {
        guard let value = form[name].flatMap({ Double($0) }), value.isFinite else {
            throw ValidationFailure([FieldError(field: name, code: "not_a_number", message: "")])
        }
        return value
    }

    /// Lines `tier = class` (`:` also separates); an unknown class fails naming the line's tier.
    static func tierClasses(_ text: String) throws -> [String: QueueClass] {
        var mapping: [String: QueueClass] = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == "=" || $0 == ":" || $0 == "：" })
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let queueClass = QueueClass(rawValue: parts[1].lowercased())
            else {
                throw DomainError.invalid([
                    FieldError(field: "tier_classes", code: "invalid_tier_class", message: String(line))
                ])
            }
            mapping[parts[0]] = queueClass
        }
        return mapping
    }

    /// The services named by their prefixes in `service_ids`, in the order typed.
    private func serviceIDs(_ form: WebForm, branchID: UUID) async throws -> [UUID] {
        let services = try await web.repositories.queueSetup.services(branchID: branchID, limit: 1000, cursor: nil)
            .items
        let prefixes = WebForm.list(form.raw("service_ids"))
        var errors: [FieldError] = []
        var ids: [UUID] = []
        for (index, prefix) in prefixes.enumerated() {
            if let service = services.first(where: { $0.prefix == prefix.uppercased() }) {
                ids.append(service.id)
            } else {
                errors.append(FieldError(field: "service_ids[\(index)]", code: "unknown_prefix", message: ""))
            }
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        return ids
    }

    // MARK: Rendering

    /// What the page shows besides the stored set-up: a refused form with its messages, or a key just made.
    struct State {
        var formID: String?
        var form = WebForm()
        var messages: FieldMessages?
        var newKey: String?
        var joinLink: JoinLink?

        struct JoinLink {
            var url: String
            var expiresAt: Date
        }
    }

    private func attempt(
        _ request: Request, _ context: KefuRequestContext, branchID: UUID, form: WebForm, formID: String,
        _ write: () async throws -> Void
    ) async throws -> Response {
        do {
            try await write()
            return WebRoutes.redirect("/admin/queue?branch=\(branchID.uuidString)", flash: "queue_setup_saved")
        } catch {
            guard let (errors, status) = QueueFormErrors.fieldErrors(error) else { throw error }
            let ui = web.views.ui(request, context)
            let messages = FieldMessages(
                errors, ui: ui, values: { form.raw($0) }, inputs: AdminQueueView.inputs)
            let state = State(formID: formID, form: form, messages: messages)
            return try await render(request, context, branchID: branchID, state: state, status: status)
        }
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, branchID: UUID?, state: State,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let model = try await AdminQueueView.build(
            branchID: branchID, state: state, repositories: web.repositories, ui: ui)
        return ui.render(
            "admin_queue", title: ui.t("queue_setup.title"), model: model, status: status, flash: ui.flash(request))
    }
}
