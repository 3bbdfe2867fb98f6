import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/kb` (any staff): the knowledge base with search (`q`), category and status filters and keyset
/// pages; the filters are a GET form, so every list state is a link.
struct KBListPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "kb", list)
    }

    struct ListView {
        var q: String
        var categories: [Option]
        var statuses: [Option]
        var rows: [Row]
        var empty: Bool
        var nextURL: String?
        var firstURL: String?
        var canWrite: Bool
    }

    struct Row {
        var title: String
        var url: String
        var category: String
        var status: String
        var publicURL: String?
        var updated: String
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let query = try KBArticleQuery(request, cursors: web.database.cursors)
        let repository = web.repositories.articles
        let page = try await repository.list(query)
        let ui = web.views.ui(request, context)
        let time = ui.formatter(timeZone: try await web.repositories.settings.get().timeZone)
        let base =
            "/kb?"
            + WebForm.queryString([
                ("q", request.query("q")?.trimmedOrNil), ("category", query.category),
                ("status", query.status?.rawValue),
            ])
        let rows = page.items.map { article in
            let content = article.content
            return Row(
                title: content.localized(chinese: ui.language == .zhHans).title,
                url: "/kb/\(article.id.uuidString)/edit", category: content.category,
                status: ui.t("kb.status." + content.status.rawValue),
                publicURL: content.status == .published ? "/help/\(article.id.uuidString)" : nil,
                updated: time.string(from: article.updatedAt))
        }
        let model = ListView(
            q: request.query("q") ?? "",
            categories: ui.options(
                try await repository.categories(), selected: query.category, label: { $0 },
                blank: ui.t("kb.any_category")),
            statuses: ui.options(
                KBArticleStatus.allCases.map(\.rawValue), selected: query.status?.rawValue,
                label: { ui.t("kb.status." + $0) }, blank: ui.t("kb.any_status")),
            rows: rows, empty: rows.isEmpty,
            nextURL: page.nextCursor.map { base + "&cursor=" + web.database.cursors.token(for: $0) },
            firstURL: query.cursor == nil ? nil : base, canWrite: ui.can(.manager))
        return ui.render("kb_list", title: ui.t("kb.title"), model: model, flash: ui.flash(request))
    }
}
