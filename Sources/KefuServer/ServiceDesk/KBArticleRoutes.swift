import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/kb/articles` (any staff reads every article, drafts too; managers write) and the public
/// `/api/v1/public/kb/suggestions` the ticket form asks while the customer types a subject.
struct KBArticleRoutes {
    let database: KefuDatabase
    let articles: KBArticleRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.collection("kb/articles", list: list, create: create, get: get, update: update, delete: delete)
        group.get("public/kb/suggestions", use: suggestions)
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<KBArticle> {
        try context.require(.agent)
        return ListDTO(
            try await articles.list(try KBArticleQuery(request, cursors: database.cursors)), cursors: database.cursors
        ) { $0 }
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let content = try await request.decodeJSON(KBArticleContent.self, context: context)
        let article = try await articles.create(content, by: context.attribution())
        return try created(
            EncodedDTO(article), request: request, context: context,
            location: "/api/v1/kb/articles/\(article.id.uuidString)")
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.agent)
        return EncodedDTO(try await articles.get(try context.parameters.uuid("id")))
    }

    /// Only the keys sent change; the result is validated like a new article.
    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.manager)
        let id = try context.parameters.uuid("id")
        let patch = try await request.jsonObject(context: context)
        let current = try await articles.get(id)
        let content = try JSONPatch.apply(patch, to: current.content, decoder: context.requestDecoder)
        return EncodedDTO(try await articles.update(id, to: content, by: context.attribution()))
    }

    @Sendable func delete(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        try await articles.delete(try context.parameters.uuid("id"), by: context.attribution())
        return Response(status: .noContent)
    }

    /// One suggested article: its title in the caller's language (else the other) and its FAQ page.
    struct Suggestion: Encodable, Sendable {
        var id: UUID
        var title: String
        var url: String
    }

    /// No login: up to five published articles for the subject typed so far (`KBSuggestionTerms`).
    @Sendable func suggestions(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<Suggestion> {
        let subject = try request.queryFields.searchText() ?? ""
        let chinese = Language.of(request) == .zhHans
        return ListDTO(
            items: try await articles.suggestions(for: subject).map { article in
                Suggestion(
                    id: article.id, title: article.content.localized(chinese: chinese).title,
                    url: "/help/\(article.id.uuidString)")
            })
    }
}

extension KBArticleQuery {
    /// The list's parameters (`q`, `category`, `status`, `limit`, `cursor`); a malformed one is a 400.
    init(_ request: Request, cursors: CursorSigner) throws {
        let fields = request.queryFields
        // Set on a copy: inside an initialiser, `text` and `category` would skip their normalising `didSet`.
        var query = KBArticleQuery()
        query.text = try fields.searchText()
        query.category = fields.string("category")
        query.status = try fields.choice("status", KBArticleStatus.self)
        query.limit = try fields.limit()
        query.cursor = try fields.cursor(cursors)
        self = query
    }
}
