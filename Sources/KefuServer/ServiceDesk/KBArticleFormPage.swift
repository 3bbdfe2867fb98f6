import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/kb/new` and `/kb/{id}/edit`: one form for an article. Managers and admins write (each form posts
/// back to its own URL; `/kb/{id}/delete` removes); agents see the same page read-only.
struct KBArticleFormPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "kb/new", showNew)
        web.post(router, "kb/new") { try await save($0, $1, id: nil) }
        web.get(router, "kb/:id/edit", showEdit)
        web.post(router, "kb/:id/edit") { try await save($0, $1, id: try $1.parameters.uuid("id")) }
        web.post(router, "kb/:id/delete", delete)
    }

    struct FormView {
        var action: String
        var heading: String
        var readOnly: Bool
        var general: [String]
        var category, titleZH, bodyZH, titleEN, bodyEN: FieldView
        var statuses: [Option]
        var categories: [String]
        var deleteURL: String?
        var publicURL: String?
    }

    /// The inputs, named as the API's keys, so field errors land next to them.
    static let inputs: Set<String> = ["category", "title_zh", "body_zh", "title_en", "body_en", "status"]

    @Sendable func showNew(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        return try await render(request, context, id: nil, content: KBArticleContent(category: ""), errors: [])
    }

    @Sendable func showEdit(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let article = try await web.repositories.articles.get(id)
        return try await render(request, context, id: id, content: article.content, errors: [])
    }

    @Sendable func delete(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        _ = try await WebForm.posted(request, context: context)
        try await web.repositories.articles.delete(try context.parameters.uuid("id"), by: context.attribution())
        return WebRoutes.redirect("/kb", flash: "kb_deleted")
    }

    private func save(_ request: Request, _ context: KefuRequestContext, id: UUID?) async throws -> Response {
        try context.require(.manager)
        let form = try await WebForm.posted(request, context: context)
        let content = KBArticleContent(
            category: form.raw("category"), titleZH: form.raw("title_zh"), bodyZH: form.raw("body_zh"),
            titleEN: form.raw("title_en"), bodyEN: form.raw("body_en"),
            status: KBArticleStatus(rawValue: form.raw("status")) ?? .draft)
        let repository = web.repositories.articles
        do {
            let saved =
                if let id {
                    try await repository.update(id, to: content, by: context.attribution())
                } else {
                    try await repository.create(content, by: context.attribution())
                }
            return WebRoutes.redirect("/kb/\(saved.id.uuidString)/edit", flash: "kb_saved")
        } catch {
            guard let (errors, status) = AdminUsersPage.formErrors(error) else { throw error }
            return try await render(request, context, id: id, content: content, errors: errors, status: status)
        }
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, id: UUID?, content: KBArticleContent,
        errors: [FieldError], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let messages = FieldMessages(errors, ui: ui, inputs: Self.inputs)
        let model = FormView(
            action: id.map { "/kb/\($0.uuidString)/edit" } ?? "/kb/new",
            heading: ui.t(id == nil ? "kb.new" : "kb.edit"), readOnly: !ui.can(.manager),
            general: messages.general + (messages.isEmpty ? [] : [ui.t("form.fix_errors")]),
            category: messages.field("category", value: content.category),
            titleZH: messages.field("title_zh", value: content.titleZH),
            bodyZH: messages.field("body_zh", value: content.bodyZH),
            titleEN: messages.field("title_en", value: content.titleEN),
            bodyEN: messages.field("body_en", value: content.bodyEN),
            statuses: ui.options(
                KBArticleStatus.allCases.map(\.rawValue), selected: content.status.rawValue,
                label: { ui.t("kb.status." + $0) }),
            categories: try await web.repositories.articles.categories(),
            deleteURL: id.map { "/kb/\($0.uuidString)/delete" },
            publicURL: id.flatMap { content.status == .published ? "/help/\($0.uuidString)" : nil })
        return ui.render("kb_form", title: model.heading, model: model, status: status, flash: ui.flash(request))
    }
}
