import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/admin/users` (admin): the staff accounts. POST `/admin/users` creates one; POST
/// `/admin/users/{id}` changes its name, role, active flag or password.
struct AdminUsersPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "admin/users", show)
        web.post(router, "admin/users", create)
        web.post(router, "admin/users/:id", update)
    }

    struct UsersView {
        var users: [UserRow]
        var nextURL: String?
        var firstURL: String?
        var newUser: NewUserForm
    }

    struct UserRow {
        var id: String
        var action: String
        var email: String
        var name: String
        var roleLabel: String
        var roles: [Option]
        var active: Bool
        var isSelf: Bool
        var created: String
        var errors: [String]
        var open: Bool
    }

    struct NewUserForm {
        var email, name, password: FieldView
        var roles: [Option]
        var general: [String]
        var hasErrors: Bool
    }

    /// The failed form, if any: a new user's input, or the id of the user whose change failed.
    struct Failure {
        var form: WebForm?
        var messages: FieldMessages?
        var userID: UUID?
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        return try await render(request, context, failure: Failure(), status: .ok)
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let form = try await WebForm.posted(request, context: context)
        let ui = web.views.ui(request, context)
        do {
            let role = try Self.role(form["role"])
            let hash = try await web.passwords.hash(form.raw("password"))
            _ = try await web.repositories.users.create(
                email: form.raw("email"), name: form.raw("name"), role: role,
                passwordHash: hash, by: context.attribution())
            return WebRoutes.redirect("/admin/users", flash: "user_created")
        } catch {
            guard let (errors, status) = Self.formErrors(error) else { throw error }
            let messages = FieldMessages(errors, ui: ui, inputs: ["email", "name", "password", "role"])
            return try await render(request, context, failure: Failure(form: form, messages: messages), status: status)
        }
    }

    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let caller = try context.require(.admin)
        let id = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        let ui = web.views.ui(request, context)
        do {
            let role = try Self.role(form["role"])
            let active = form.has("active")
            // As in the API: an admin cannot lock themselves out.
            if id == caller.id, !active || role != .admin {
                throw DomainError.conflict(message: "", field: "role", conflictingID: nil)
            }
            let hash = try await form["password"].asyncMap { try await web.passwords.hash($0) }
            _ = try await web.repositories.users.update(
                id, .init(name: form["name"], role: role, active: active, passwordHash: hash),
                by: context.attribution())
            return WebRoutes.redirect("/admin/users", flash: "user_saved")
        } catch {
            guard let (errors, status) = Self.formErrors(error) else { throw error }
            let messages = FieldMessages(
                errors.map {
                    $0.code == "conflict" ? FieldError(field: "role", code: "self_demotion", message: "") : $0
                },
                ui: ui, inputs: ["email", "name", "password", "role"])
            return try await render(request, context, failure: Failure(messages: messages, userID: id), status: status)
        }
    }

    static func role(_ text: String?) throws -> Role {
        guard let role = text.flatMap(Role.init(rawValue:)) else {
            throw DomainError.invalid([FieldError(field: "role", code: "invalid_choice", message: "")])
        }
        return role
    }

    /// Validation and conflict errors as field errors with the status to answer; nil for other errors.
    static func formErrors(_ error: any Error) -> ([FieldError], HTTPResponse.Status)? {
        switch error {
        case DomainError.invalid(let errors): (errors, .unprocessableContent)
        case let failure as ValidationFailure: (failure.errors, .unprocessableContent)
        case DomainError.conflict(_, let field, _):
            ([FieldError(field: field ?? "form", code: "conflict", message: "")], .conflict)
        default: nil
        }
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, failure: Failure,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let cursor = try request.queryCursor(web.database.cursors)
        let page = try await web.repositories.users.list(limit: 100, cursor: cursor)
        let settings = try await web.repositories.settings.get()
        let time = ui.formatter(timeZone: settings.timeZone)
        let roles = Role.allCases.map(\.rawValue)
        let rows = page.items.map { user in
            let failed = failure.userID == user.id
            return UserRow(
                id: user.id.uuidString, action: "/admin/users/\(user.id.uuidString)", email: user.email,
                name: user.name,
                roleLabel: ui.t("role." + user.role.rawValue),
                roles: ui.options(roles, selected: user.role.rawValue, label: { ui.t("role." + $0) }),
                active: user.active, isSelf: user.id == context.identity?.user.id,
                created: time.string(from: user.createdAt),
                errors: failed ? (failure.messages.map { $0.byInput.values.flatMap { $0 } + $0.general } ?? []) : [],
                open: failed)
        }
        let messages = failure.form == nil ? FieldMessages([], ui: ui) : failure.messages ?? FieldMessages([], ui: ui)
        let form = failure.form ?? WebForm()
        let newUser = NewUserForm(
            email: messages.field("email", value: form.raw("email")),
            name: messages.field("name", value: form.raw("name")),
            password: messages.field("password", value: ""),
            roles: ui.options(roles, selected: form["role"] ?? Role.agent.rawValue, label: { ui.t("role." + $0) }),
            general: messages.general + (messages.byInput["role"] ?? []), hasErrors: !messages.isEmpty)
        let model = UsersView(
            users: rows, nextURL: page.nextCursor.map { "/admin/users?cursor=\(web.database.cursors.token(for: $0))" },
            firstURL: cursor == nil ? nil : "/admin/users", newUser: newUser)
        return ui.render(
            "admin_users", title: ui.t("users.title"), model: model, status: status, flash: ui.flash(request))
    }
}
