import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/canned-replies`: every reply by title (any staff); managers and admins create (POST
/// `/canned-replies`), edit (POST `/canned-replies/{id}`) and delete (POST `/canned-replies/{id}/delete`).
struct CannedRepliesPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "canned-replies", show)
        web.post(router, "canned-replies") { try await save($0, $1, id: nil) }
        web.post(router, "canned-replies/:id") { try await save($0, $1, id: try $1.parameters.uuid("id")) }
        web.post(router, "canned-replies/:id/delete", delete)
    }

    struct PageView {
        var replies: [Row]
        var empty: Bool
        var canWrite: Bool
        var newReply: ReplyForm
    }

    struct Row {
        var title: String
        var body: String
        var updated: String
        var form: ReplyForm
        var deleteURL: String
    }

    struct ReplyForm {
        var action: String
        var prefix: String
        var open: Bool
        var general: [String]
        var title, body: FieldView
    }

    /// A form that failed, to show again with what was typed.
    private typealias Failure = (id: UUID?, form: WebForm, messages: FieldMessages)

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        return try await render(request, context, failed: nil, status: .ok)
    }

    @Sendable func delete(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        _ = try await WebForm.posted(request, context: context)
        try await web.repositories.cannedReplies.delete(try context.parameters.uuid("id"), by: context.attribution())
        return WebRoutes.redirect("/canned-replies", flash: "canned_deleted")
    }

    private func save(_ request: Request, _ context: KefuRequestContext, id: UUID?) async throws -> Response {
        try context.require(.manager)
        let form = try await WebForm.posted(request, context: context)
        let repository = web.repositories.cannedReplies
        let (title, body) = (form.raw("title"), form.raw("body"))
        do {
            if let id {
                _ = try await repository.update(id, title: title, body: body, by: context.attribution())
            } else {
                _ = try await repository.create(title: title, body: body, by: context.attribution())
            }
            return WebRoutes.redirect("/canned-replies", flash: "canned_saved")
        } catch {
            guard let (errors, status) = AdminUsersPage.formErrors(error) else { throw error }
            let ui = web.views.ui(request, context)
            let messages = FieldMessages(errors, ui: ui, inputs: ["title", "body"])
            return try await render(request, context, failed: (id, form, messages), status: status)
        }
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, failed: Failure?, status: HTTPResponse.Status
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let time = ui.formatter(timeZone: try await web.repositories.settings.get().timeZone)
        func form(_ reply: CannedReply?) -> ReplyForm {
            let failure = failed.flatMap { $0.id == reply?.id ? $0 : nil }
            let messages = failure?.messages ?? FieldMessages([], ui: ui)
            func value(_ name: String, _ stored: String?) -> String {
                failure.map { $0.form.raw(name) } ?? stored ?? ""
            }
            return ReplyForm(
                action: reply.map { "/canned-replies/\($0.id.uuidString)" } ?? "/canned-replies",
                prefix: reply.map { "r" + $0.id.uuidString.prefix(8) } ?? "nr", open: failure != nil && reply != nil,
                general: messages.general, title: messages.field("title", value: value("title", reply?.title)),
                body: messages.field("body", value: value("body", reply?.body)))
        }
        let rows = try await web.repositories.cannedReplies.list().map { reply in
            Row(
                title: reply.title, body: reply.body, updated: time.string(from: reply.updatedAt), form: form(reply),
                deleteURL: "/canned-replies/\(reply.id.uuidString)/delete")
        }
        let model = PageView(replies: rows, empty: rows.isEmpty, canWrite: ui.can(.manager), newReply: form(nil))
        return ui.render(
            "canned_replies", title: ui.t("canned.title"), model: model, status: status, flash: ui.flash(request))
    }
}
