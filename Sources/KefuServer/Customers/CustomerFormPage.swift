import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/customers/new` and `/customers/{id}/edit`: one form for every editable field. Each posts back
/// to its own URL; on success it redirects to the customer (POST-redirect-GET), on failure the
/// form comes back with what was typed and a message next to each field.
struct CustomerFormPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "customers/new", showNew)
        web.post(router, "customers/new", create)
        web.get(router, "customers/:id/edit", showEdit)
        web.post(router, "customers/:id/edit", update)
    }

    @Sendable func showNew(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let settings = try await web.repositories.settings.get()
        var profile = CustomerProfile()
        profile.tier = settings.customerRules.defaultTier
        return try await render(
            request, context, id: nil, values: CustomerFormValues(profile), errors: [], settings: settings)
    }

    @Sendable func showEdit(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let customer = try await web.repositories.customers.get(id)
        let settings = try await web.repositories.settings.get()
        return try await render(
            request, context, id: id, values: CustomerFormValues(customer.profile), errors: [],
            settings: settings)
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await save(request, context, id: nil)
    }

    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await save(request, context, id: try context.parameters.uuid("id"))
    }

    private func save(_ request: Request, _ context: KefuRequestContext, id: UUID?) async throws -> Response {
        try context.require(.agent)
        let form = try await WebForm.posted(request, context: context)
        let settings = try await web.repositories.settings.get()
        let values = CustomerFormValues(form: form)
        let repository = web.repositories.customers
        do {
            let profile = try values.profile(settings: settings)
            let saved =
                if let id {
                    try await repository.update(id, to: profile, by: context.attribution())
                } else {
                    try await repository.create(profile, by: context.attribution())
                }
            return WebRoutes.redirect(
                "/customers/\(saved.id.uuidString)", flash: id == nil ? "customer_created" : "customer_saved")
        } catch let failure as ValidationFailure {
            return try await render(
                request, context, id: id, values: values, errors: failure.errors, settings: settings,
                status: .unprocessableContent)
        } catch DomainError.invalid(let errors) {
            return try await render(
                request, context, id: id, values: values, errors: errors, settings: settings,
                status: .unprocessableContent)
        } catch DomainError.conflict(_, let field, let other) {
            let error = FieldError(field: field ?? "phones", code: "conflict", message: "")
            return try await render(
                request, context, id: id, values: values, errors: [error], settings: settings,
                status: .conflict, conflictingID: other)
        }
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, id: UUID?, values: CustomerFormValues,
        errors: [FieldError], settings: BusinessSettings, status: HTTPResponse.Status = .ok,
        conflictingID: UUID? = nil
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let branches = try await web.repositories.branches.list()
        let messages = FieldMessages(errors, ui: ui, values: { values[$0] }, conflictingID: conflictingID)
        let model = CustomerFormView(
            values: values, messages: messages, settings: settings, branches: branches,
            staff: try await web.repositories.users.all(), ui: ui,
            action: id.map { "/customers/\($0.uuidString)/edit" } ?? "/customers/new",
            cancelURL: id.map { "/customers/\($0.uuidString)" } ?? "/customers")
        let title =
            id == nil ? ui.t("customer_form.new_title") : ui.t("customer_form.edit_title", ["name": values["name"]])
        return ui.render("customer_form", title: title, model: model, status: status)
    }
}
