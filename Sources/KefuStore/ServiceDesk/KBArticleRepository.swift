public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// The knowledge base: articles written and published by managers, read by staff, and (published only) by
/// customers on `/help` and as suggestions on the public ticket form.
public struct KBArticleRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
    }

    public func create(_ input: KBArticleContent, by attribution: Attribution) async throws -> KBArticle {
        let content = try DomainError.validating { try input.validated() }
        let article = KBArticle(
            id: TimeOrderedID.next(now: attribution.now), content: content, authorID: attribution.userID,
            createdAt: attribution.now, updatedAt: attribution.now)
        try await db.sqlTransaction { tx in
            try await tx.insert(into: "kb_articles").model(KBArticleRow(article)).run()
            try await AuditLog.record(
                on: tx, attribution, action: "kb_article.created", entityType: "kb_article", id: article.id,
                before: nil, after: content)
        }
        return article
    }

    public func get(_ id: UUID) async throws -> KBArticle {
        try await Self.load(id, on: db.sql)
    }

    /// A published article, or `.notFound` (a draft is not there for customers).
    public func published(_ id: UUID) async throws -> KBArticle {
        let article = try await get(id)
        guard article.content.status == .published else {
            throw DomainError.notFound(entity: "article", id: id.uuidString)
        }
        return article
    }

    /// Replaces the article's content; the author stays.
    public func update(_ id: UUID, to input: KBArticleContent, by attribution: Attribution) async throws -> KBArticle {
        let content = try DomainError.validating { try input.validated() }
        return try await db.sqlTransaction { tx in
            var article = try await Self.load(id, on: tx)
            let before = article.content
            article.content = content
            article.updatedAt = attribution.now
            try await tx.update("kb_articles").set(model: KBArticleRow(article)).where("id", .equal, id).run()
            try await AuditLog.record(
                on: tx, attribution, action: "kb_article.updated", entityType: "kb_article", id: id, before: before,
                after: content)
            return article
        }
    }

    public func delete(_ id: UUID, by attribution: Attribution) async throws {
        try await db.sqlTransaction { tx in
            let article = try await Self.load(id, on: tx)
            try await tx.delete(from: "kb_articles").where("id", .equal, id).run()
            try await AuditLog.record(
                on: tx, attribution, action: "kb_article.deleted", entityType: "kb_article", id: id,
                before: article.content, after: nil)
        }
    }

    /// A page of articles, most recently changed first.
    public func list(_ query: KBArticleQuery) async throws -> KefuCore.Page<KBArticle> {
        var select = db.sql.select().column("*").from("kb_articles")
        if let status = query.status { select = select.where("status", .equal, status.rawValue) }
        if let category = query.category { select = select.where("category", .equal, category) }
        if let text = query.text {
            select = select.where(LikePattern.condition(SQLColumn("search_text"), LikePattern.containing(text)))
        }
        return try await select.page(
            KBArticleRow.self, column: "updated_at", descending: true, limit: query.limit, cursor: query.cursor,
            key: { PageCursor(value: .date($0.updated_at), id: $0.id) }, map: { try $0.article() })
    }

    /// The most published articles `/help` lists, by category and then newest first.
    public static let helpIndexLimit = 1_000

    /// Published articles for the FAQ index (and the queue board's slides, fewer), by category and then most
    /// recently changed first.
    public func publishedIndex(limit: Int = helpIndexLimit) async throws -> [KBArticle] {
        try await db.sql.select().column("*").from("kb_articles")
            .where("status", .equal, KBArticleStatus.published.rawValue)
            .orderBy("category").orderBy("updated_at", .descending).orderBy("id")
            .limit(limit).all(decoding: KBArticleRow.self).map { try $0.article() }
    }

    /// Every category in use, by name: the staff form offers them.
    public func categories() async throws -> [String] {
        struct Row: Decodable { var category: String }
        return try await db.sql.select().distinct().column("category").from("kb_articles").orderBy("category")
            .all(decoding: Row.self).map(\.category)
    }

    /// How many recently changed candidates the suggestions rank; enough for any knowledge base a desk
    /// writes by hand, and a bound on the work of one anonymous request.
    static let suggestionCandidates = 200

    /// Up to `limit` published articles for a typed subject, ranked by `KBSuggestionTerms`: the database
    /// finds those containing any term, the domain rule counts and orders.
    public func suggestions(for subject: String, limit: Int = 5) async throws -> [KBArticle] {
        let terms = KBSuggestionTerms(subject: subject)
        guard !terms.terms.isEmpty else { return [] }
        let containing = terms.terms.map { LikePattern.condition(SQLColumn("search_text"), LikePattern.containing($0)) }
        let rows = try await db.sql.select().column("*").from("kb_articles")
            .where("status", .equal, KBArticleStatus.published.rawValue)
            .where(SQLGroupExpression(SQLList(containing, separator: SQLRaw(" OR "))))
            .orderBy("updated_at", .descending).orderBy("id", .descending).limit(Self.suggestionCandidates)
            .all(decoding: KBArticleRow.self)
        return try terms.rank(rows, limit: limit, text: \.search_text).map { try $0.article() }
    }

    static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> KBArticle {
        guard
            let row = try await sql.select().column("*").from("kb_articles").where("id", .equal, id)
                .first(decoding: KBArticleRow.self)
        else { throw DomainError.notFound(entity: "article", id: id.uuidString) }
        return try row.article()
    }
}

/// A `kb_articles` row.
struct KBArticleRow: Codable {
    var id: UUID
    var category: String
    var title_zh: String
    var body_zh: String
    var title_en: String
    var body_en: String
    var status: String
    var author_id: UUID?
    var search_text: String
    var created_at: Date
    var updated_at: Date

    init(_ article: KBArticle) {
        let content = article.content
        id = article.id
        category = content.category
        title_zh = content.titleZH
        body_zh = content.bodyZH
        title_en = content.titleEN
        body_en = content.bodyEN
        status = content.status.rawValue
        author_id = article.authorID
        search_text = content.searchText
        created_at = article.createdAt
        updated_at = article.updatedAt
    }

    func article() throws -> KBArticle {
        guard let status = KBArticleStatus(rawValue: status) else {
            throw StoreError.corrupt("article \(id) has status \(status)")
        }
        return KBArticle(
            id: id,
            content: KBArticleContent(
                category: category, titleZH: title_zh, bodyZH: body_zh, titleEN: title_en, bodyEN: body_en,
                status: status),
            authorID: author_id, createdAt: created_at, updatedAt: updated_at)
    }
}
