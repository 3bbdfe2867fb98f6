import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// The knowledge base in the store, on both databases: search over both languages, filters and pages,
/// what customers may see, and the suggestions' ranking.
@Suite("KBArticleRepository")
struct KBArticleRepositoryTests {
    static func at(_ seconds: TimeInterval) -> Attribution {
        Attribution(userID: nil, email: tester.email, requestID: "test", now: tester.now.addingTimeInterval(seconds))
    }

    static func article(
        _ category: String, zh: String = "", en: String = "", body: String = "正文", status: KBArticleStatus = .published
    ) -> KBArticleContent {
        KBArticleContent(
            category: category, titleZH: zh, bodyZH: zh.isEmpty ? "" : body, titleEN: en,
            bodyEN: en.isEmpty ? "" : "Body of \(en)", status: status)
    }

    @Test(arguments: Engine.available)
    func searchesBothLanguagesFiltersAndPages(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let kb = KBArticleRepository(database)
            let refund = try await kb.create(
                Self.article("售后", zh: "如何申请退款", en: "Refunds", body: "退款三天内到账"), by: Self.at(1))
            let invoice = try await kb.create(Self.article("账单", zh: "发票怎么开"), by: Self.at(2))
            let draft = try await kb.create(Self.article("售后", en: "Warranty", status: .draft), by: Self.at(3))
            func titles(_ change: (inout KBArticleQuery) -> Void) async throws -> [UUID] {
                var query = KBArticleQuery()
                change(&query)
                return try await kb.list(query).items.map(\.id)
            }
            #expect(try await titles { _ in } == [draft.id, invoice.id, refund.id])
            #expect(try await titles { $0.text = "到账" } == [refund.id])
            #expect(try await titles { $0.text = " REFUND " } == [refund.id])
            #expect(try await titles { $0.text = "100%" } == [])
            #expect(try await titles { $0.category = "售后" } == [draft.id, refund.id])
            #expect(try await titles { $0.status = .published } == [invoice.id, refund.id])
            var first = KBArticleQuery()
            first.limit = 2
            let page = try await kb.list(first)
            #expect(page.items.map(\.id) == [draft.id, invoice.id])
            let next: PageCursor = try #require(page.nextCursor)
            first.cursor = next
            #expect(try await kb.list(first).items.map(\.id) == [refund.id])
            #expect(Set(try await kb.categories()) == ["售后", "账单"])
            #expect(Set(try await kb.publishedIndex().map(\.id)) == [refund.id, invoice.id])
            await #expect(throws: DomainError.notFound(entity: "article", id: draft.id.uuidString)) {
                try await kb.published(draft.id)
            }
            #expect(try await kb.published(refund.id) == refund)
        }
    }

    @Test(arguments: Engine.available)
    func writesAreValidatedAndAudited(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let kb = KBArticleRepository(database)
            await #expect(throws: DomainError.self) {
                try await kb.create(KBArticleContent(category: "售后"), by: tester)
            }
            #expect(try await kb.list(KBArticleQuery()).items.isEmpty)
            let article = try await kb.create(Self.article("售后", zh: "退款"), by: Self.at(1))
            var changed = article.content
            changed.status = .draft
            let updated = try await kb.update(article.id, to: changed, by: Self.at(5))
            #expect(updated.content.status == .draft && updated.createdAt == article.createdAt)
            #expect(updated.updatedAt == Self.at(5).now)
            try await kb.delete(article.id, by: Self.at(6))
            await #expect(throws: DomainError.self) { try await kb.get(article.id) }
            let audit = try await AuditLog.list(in: database, entityType: "kb_article", limit: 10, cursor: nil)
            #expect(audit.items.map(\.action) == ["kb_article.deleted", "kb_article.updated", "kb_article.created"])
            #expect(audit.items[1].changes.keys.sorted() == ["status"])
        }
    }

    @Test(arguments: Engine.available)
    func suggestsPublishedArticlesByTermsContained(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let kb = KBArticleRepository(database)
            let partial = try await kb.create(Self.article("售后", zh: "退款说明"), by: Self.at(1))
            let best = try await kb.create(
                Self.article("售后", zh: "申请退款后多久到账", body: "一般三天"), by: Self.at(2))
            _ = try await kb.create(Self.article("售后", zh: "申请退款多久到账", status: .draft), by: Self.at(3))
            _ = try await kb.create(Self.article("账单", zh: "发票怎么开"), by: Self.at(4))
            let english = try await kb.create(Self.article("Billing", en: "Refund timing"), by: Self.at(5))
            #expect(try await kb.suggestions(for: "申请退款多久到账").map(\.id) == [best.id, partial.id])
            #expect(try await kb.suggestions(for: "REFUND please").map(\.id) == [english.id])
            #expect(try await kb.suggestions(for: "退款", limit: 1).map(\.id) == [best.id])
            #expect(try await kb.suggestions(for: "慢 ?").isEmpty)
        }
    }
}
