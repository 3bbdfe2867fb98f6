import Foundation
import HummingbirdTesting
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@testable import KefuServer

@Suite("Web: knowledge base, help centre and canned replies")
struct KnowledgeBasePagesTests {
    static let hostile = "<script>alert(1)</script>"

    static func article(_ app: TestApp, _ content: KBArticleContent) async throws -> KBArticle {
        try await KBArticleRepository(app.database).create(content, by: app.database.system("test"))
    }

    @Test(arguments: Engine.available)
    func customersReadPublishedArticlesWithoutALoginInTheirLanguage(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let refund = try await Self.article(
                app,
                KBArticleContent(
                    category: "售后", titleZH: "如何申请退款", bodyZH: "第一段\n\n第二段", titleEN: "Refunds",
                    bodyEN: "Three days.", status: .published))
            let chineseOnly = try await Self.article(
                app, KBArticleContent(category: "账单", titleZH: "发票怎么开", bodyZH: "前台开具", status: .published))
            let draft = try await Self.article(
                app, KBArticleContent(category: "内部", titleZH: "内部草稿", bodyZH: "勿外传", status: .draft))
            let index = try await client.page("/help", language: "zh-CN")
            #expect(index.status == .ok)
            #expect(index.body.contains("帮助中心") && index.body.contains("售后") && index.body.contains("账单"))
            #expect(index.body.contains(#"href="/help/\#(refund.id.uuidString)""#))
            #expect(!index.body.contains("内部草稿") && !index.body.contains(#"class="nav""#))
            #expect(index.body.contains(#"name="viewport""#) && index.body.contains(#"id="lang-en""#))
            let search = try await client.page("/help?q=\(WebForm.encode("退款很慢怎么办"))", language: "zh-CN")
            #expect(search.body.contains(#"id="results""#) && search.body.contains("如何申请退款"))
            let nothing = try await client.page("/help?q=\(WebForm.encode("勿外传"))", language: "zh-CN")
            #expect(nothing.body.contains("没有匹配的文章"))
            let chinese = try await client.page("/help/\(refund.id.uuidString)", language: "zh-CN")
            #expect(chinese.status == .ok)
            #expect(chinese.body.contains("<h1>如何申请退款</h1>"))
            #expect(chinese.body.contains("<p>第一段</p>") && chinese.body.contains("<p>第二段</p>"))
            let english = try await client.page("/help/\(refund.id.uuidString)", language: "en")
            #expect(english.body.contains("<h1>Refunds</h1>") && english.body.contains("Three days."))
            let fallback = try await client.page("/help/\(chineseOnly.id.uuidString)", language: "en")
            #expect(fallback.body.contains("<h1>发票怎么开</h1>"))
            for path in ["/help/\(draft.id.uuidString)", "/help/\(UUID().uuidString)", "/help/not-an-id"] {
                let missing = try await client.page(path, language: "en")
                #expect(missing.status == .notFound, "\(path)")
                #expect(missing.body.contains("not published") && !missing.body.contains("勿外传"), "\(path)")
                #expect(missing.body.contains(#"href="/help""#), "\(path)")
            }
        }
    }

    @Test(arguments: Engine.available)
    func managersWriteArticlesThroughTheFormsAndAgentsOnlyRead(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let manager = try await client.webLogin(.manager)
            #expect(try await client.page("/kb/new", session: manager).status == .ok)
            let invalid = try await client.submit(
                "/kb/new", [("category", "售后"), ("title_zh", "退款"), ("status", "published")], session: manager)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.body.contains(#"value="退款""#) && invalid.body.contains("Required."))
            #expect(try await KBArticleRepository(app.database).list(KBArticleQuery()).items.isEmpty)
            let saved = try await client.submit(
                "/kb/new",
                [("category", "售后"), ("title_zh", "退款"), ("body_zh", "三天到账"), ("status", "published")],
                session: manager)
            #expect(saved.status == .seeOther)
            let location = try #require(saved.location)
            #expect(location.hasSuffix("/edit?flash=kb_saved"))
            let id = try #require(UUID(uuidString: String(location.dropFirst("/kb/".count).prefix(36))))
            let edit = try await client.page(location, session: manager)
            #expect(edit.body.contains("Article saved.") && edit.body.contains(#"href="/help/\#(id.uuidString)""#))
            let changed = try await client.submit(
                "/kb/\(id.uuidString)/edit",
                [("category", "售后"), ("title_zh", "退款"), ("body_zh", "五天到账"), ("status", "draft")],
                session: manager)
            #expect(changed.status == .seeOther)
            #expect(try await KBArticleRepository(app.database).get(id).content.status == .draft)
            let list = try await client.page("/kb?status=draft", session: manager)
            #expect(list.status == .ok && list.body.contains("退款") && list.body.contains(#"href="/kb/new""#))

            let agent = try await client.webLogin(.agent)
            let readOnly = try await client.page("/kb/\(id.uuidString)/edit", session: agent)
            #expect(readOnly.status == .ok && readOnly.body.contains("readonly") && !readOnly.body.contains("/delete"))
            let agentList = try await client.page("/kb", session: agent)
            #expect(agentList.body.contains("退款") && !agentList.body.contains(#"href="/kb/new""#))
            #expect(agentList.body.contains(#"href="/kb""#) && agentList.body.contains(#"href="/canned-replies""#))
            #expect(try await client.page("/kb/new", session: agent).status == .forbidden)
            let refused = try await client.submit(
                "/kb/\(id.uuidString)/edit", [("category", "x"), ("title_en", "x"), ("body_en", "x")], session: agent)
            #expect(refused.status == .forbidden)
            #expect(try await client.submit("/kb/\(id.uuidString)/delete", [], session: agent).status == .forbidden)
            let noToken = try await client.submit("/kb/\(id.uuidString)/delete", [], session: manager, csrf: "")
            #expect(noToken.status == .forbidden)
            let deleted = try await client.submit("/kb/\(id.uuidString)/delete", [], session: manager)
            #expect(deleted.status == .seeOther && deleted.location == "/kb?flash=kb_deleted")
            await #expect(throws: DomainError.self) { try await KBArticleRepository(app.database).get(id) }
            for path in ["/kb", "/kb/new", "/kb/\(id.uuidString)/edit", "/canned-replies"] {
                let anonymous = try await client.page(path)
                #expect(anonymous.status == .seeOther && anonymous.location == "/login", "\(path)")
            }
        }
    }

    @Test(arguments: Engine.available)
    func managersKeepCannedRepliesOnTheirPage(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let manager = try await client.webLogin(.manager, language: "zh-Hans")
            let page = try await client.page("/canned-replies", session: manager)
            #expect(page.status == .ok && page.body.contains("{{customer.name}}") && page.body.contains("还没有快捷回复"))
            let invalid = try await client.submit(
                "/canned-replies", [("title", "问候"), ("body", " ")], session: manager)
            #expect(invalid.status == .unprocessableContent && invalid.body.contains(#"value="问候""#))
            let saved = try await client.submit(
                "/canned-replies", [("title", "问候"), ("body", "{{customer.name}}您好")], session: manager)
            #expect(saved.status == .seeOther && saved.location == "/canned-replies?flash=canned_saved")
            let replies = CannedReplyRepository(app.database)
            let id = try #require(try await replies.list().first?.id)
            let edited = try await client.submit(
                "/canned-replies/\(id.uuidString)", [("title", "开场白"), ("body", "您好")], session: manager)
            #expect(edited.status == .seeOther)
            #expect(try await replies.get(id).title == "开场白")
            let agent = try await client.webLogin(.agent)
            let read = try await client.page("/canned-replies", session: agent)
            #expect(read.status == .ok && read.body.contains("开场白") && !read.body.contains("/delete"))
            let refused = try await client.submit("/canned-replies", [("title", "x"), ("body", "y")], session: agent)
            #expect(refused.status == .forbidden)
            let deleted = try await client.submit("/canned-replies/\(id.uuidString)/delete", [], session: manager)
            #expect(deleted.status == .seeOther)
            #expect(try await replies.list().isEmpty)
        }
    }

    @Test(arguments: Engine.available)
    func everyValueIsEscaped(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let article = try await Self.article(
                app,
                KBArticleContent(
                    category: #""><b>cat</b>"#, titleZH: Self.hostile, bodyZH: "<img src=x onerror=alert(2)>",
                    status: .published))
            _ = try await CannedReplyRepository(app.database).create(
                title: Self.hostile, body: "<img src=x onerror=alert(2)>", by: app.database.system("test"))
            let session = try await client.webLogin(.manager)
            for (path, loggedIn) in [
                ("/help", false), ("/help?q=%3Cscript", false), ("/help/\(article.id.uuidString)", false),
                ("/kb", true), ("/kb?q=%3Cscript", true), ("/kb/\(article.id.uuidString)/edit", true),
                ("/canned-replies", true),
            ] {
                let page = try await client.page(path, session: loggedIn ? session : nil)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
                #expect(!page.body.contains("<script>alert(1)"), "\(path)")
                #expect(!page.body.contains("<b>cat</b>") && !page.body.contains("<img src=x"), "\(path)")
            }
            let search = try await client.page("/help?q=%22%3E%3Cscript%3E")
            #expect(search.body.contains(#"value="&quot;&gt;&lt;script&gt;""#))
        }
    }
}
