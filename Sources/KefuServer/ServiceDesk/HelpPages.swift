import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The public FAQ, without a login and in the public layout: `/help` (published articles by category,
/// and a search box, `?q=`, matched by `KBSuggestionTerms`) and `/help/{id}` (one published article in the visitor's language, else the
/// other; a draft or unknown id is a 404 page).
struct HelpPages {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "help", index)
        web.get(router, "help/:id", article)
    }

    struct IndexView {
        var business: String
        var q: String
        var searched: Bool
        var results: [Link]
        var categories: [Category]
        var empty: Bool
    }

    struct Category {
        var name: String
        var articles: [Link]
    }

    struct Link {
        var title: String
        var url: String
    }

    struct ArticleView {
        var title: String
        var category: String
        var paragraphs: [String]
        var updated: String
    }

    /// Search ranks as the ticket form's suggestions do (customers type questions, not exact phrases),
    /// showing more of them.
    static let resultLimit = 20

    @Sendable func index(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let ui = web.views.ui(request, context)
        let chinese = ui.language == .zhHans
        func link(_ article: KBArticle) -> Link {
            Link(
                title: article.content.localized(chinese: chinese).title, url: "/help/\(article.id.uuidString)")
        }
        let q = String((request.query("q") ?? "").prefix(200))
        let searched = q.trimmedOrNil != nil
        let results = searched ? try await web.repositories.articles.suggestions(for: q, limit: Self.resultLimit) : []
        let published = try await web.repositories.articles.publishedIndex()
        let categories = Dictionary(grouping: published, by: \.content.category).sorted { $0.key < $1.key }
            .map { Category(name: $0.key, articles: $0.value.map(link)) }
        let model = IndexView(
            business: try await web.repositories.settings.get().businessName, q: q, searched: searched,
            results: results.map(link), categories: categories, empty: published.isEmpty)
        return ui.render("help", title: ui.t("help.title"), model: model)
    }

    @Sendable func article(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let ui = web.views.ui(request, context)
        let found: KBArticle
        do {
            guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
                throw DomainError.notFound(entity: "article", id: "")
            }
            found = try await web.repositories.articles.published(id)
        } catch DomainError.notFound {
            return ui.render(
                "public_error", title: ui.t("help.missing_title"),
                model: PublicErrorView(
                    status: 404, message: ui.t("help.missing"), homeURL: "/help", homeLabel: ui.t("help.back")),
                status: .notFound)
        }
        let (title, body) = found.content.localized(chinese: ui.language == .zhHans)
        let settings = try await web.repositories.settings.get()
        let model = ArticleView(
            title: title, category: found.content.category, paragraphs: Self.paragraphs(body),
            updated: ui.formatter(timeZone: settings.timeZone).string(from: found.updatedAt))
        return ui.render("help_article", title: ui.t("help.title"), model: model)
    }

    /// Plain text cut into paragraphs at blank lines; single line breaks stay (the page keeps them).
    static func paragraphs(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}

/// A public page's error (a missing article, an unknown link) in the public layout, with a way back.
struct PublicErrorView {
    var status: Int
    var message: String
    var homeURL: String
    var homeLabel: String
}
