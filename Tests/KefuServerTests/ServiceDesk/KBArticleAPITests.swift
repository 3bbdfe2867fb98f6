import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Knowledge base API")
struct KBArticleAPITests {
    static let refund = #"""
        {"category": "售后", "title_zh": "如何申请退款", "body_zh": "退款三天内到账。",
         "title_en": "How to get a refund", "body_en": "Refunds arrive within three days.", "status": "published"}
        """#

    @Test(arguments: Engine.available)
    func managersWriteStaffReadAndSearchInChinese(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let created = try await client.call(.post, "/api/v1/kb/articles", as: .manager, app: app, json: Self.refund)
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/kb/articles/\(id)")
            #expect(created.body["title_zh"] as? String == "如何申请退款")
            #expect(created.body["status"] as? String == "published")
            #expect(created.body["author_id"] is String)
            let draft = try await client.call(
                .post, "/api/v1/kb/articles", as: .admin, app: app,
                json: #"{"category": "账单", "title_en": "Invoices", "body_en": "Ask the front desk."}"#)
            #expect(draft.status == .created && draft.body["status"] as? String == "draft")
            let draftID = try #require(draft.body["id"] as? String)
            for (query, expected) in [
                ("", [draftID, id]), ("q=\(WebForm.encode("到账"))", [id]), ("q=INVOICE", [draftID]),
                ("status=draft", [draftID]), ("category=\(WebForm.encode("售后"))", [id]), ("limit=1", [draftID]),
            ] {
                let found = try await client.call(.get, "/api/v1/kb/articles?\(query)", as: .agent, app: app)
                #expect(found.status == .ok, "\(query) \(found.body)")
                #expect(
                    (found.body["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == expected,
                    "\(query) \(found.body)")
            }
            let first = try await client.call(.get, "/api/v1/kb/articles?limit=1", as: .agent, app: app)
            let cursor = try #require(first.body["next_cursor"] as? String)
            let next = try await client.call(.get, "/api/v1/kb/articles?limit=1&cursor=\(cursor)", as: .agent, app: app)
            #expect((next.body["items"] as? [[String: Any]])?.first?["id"] as? String == id)
            #expect(next.body["next_cursor"] is NSNull)
            let read = try await client.call(.get, "/api/v1/kb/articles/\(draftID)", as: .agent, app: app)
            #expect(read.status == .ok && read.body["title_en"] as? String == "Invoices")
            let patched = try await client.call(
                .patch, "/api/v1/kb/articles/\(draftID)", as: .manager, app: app,
                json: #"{"status": "published", "title_zh": "发票", "body_zh": "请到前台开具。"}"#)
            #expect(patched.status == .ok)
            #expect(
                patched.body["status"] as? String == "published" && patched.body["title_en"] as? String == "Invoices")
            let deleted = try await client.call(.delete, "/api/v1/kb/articles/\(draftID)", as: .manager, app: app)
            #expect(deleted.status == .noContent)
            #expect(
                try await client.call(.get, "/api/v1/kb/articles/\(draftID)", as: .agent, app: app).status == .notFound)
        }
    }

    @Test(arguments: Engine.available)
    func badInputAndRolesAreRefusedAndWriteNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let byAgent = try await client.call(.post, "/api/v1/kb/articles", as: .agent, app: app, json: Self.refund)
            #expect(byAgent.status == .forbidden)
            let noLanguage = try await client.call(
                .post, "/api/v1/kb/articles", as: .manager, app: app, json: #"{"category": "售后", "title_zh": " "}"#)
            #expect(noLanguage.status == .badRequest)
            let errors = noLanguage.body["errors"] as? [[String: Any]]
            #expect(errors?.first?["field"] as? String == "title_zh")
            let halfLanguage = try await client.call(
                .post, "/api/v1/kb/articles", as: .manager, app: app,
                json: #"{"category": "售后", "title_zh": "退款", "body_en": "x"}"#)
            #expect(
                (halfLanguage.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
                    == ["body_zh", "title_en"])
            let noCategory = try await client.call(
                .post, "/api/v1/kb/articles", as: .manager, app: app, json: #"{"title_zh": "退款", "body_zh": "x"}"#)
            #expect(noCategory.status == .badRequest)
            let badStatus = try await client.call(
                .post, "/api/v1/kb/articles", as: .manager, app: app,
                json: #"{"category": "c", "title_zh": "退款", "body_zh": "x", "status": "live"}"#)
            #expect(badStatus.status == .badRequest)
            for query in ["status=live", "limit=0", "cursor=forged", "q=\(String(repeating: "x", count: 201))"] {
                let refused = try await client.call(.get, "/api/v1/kb/articles?\(query)", as: .agent, app: app)
                #expect(refused.status == .badRequest, "\(query)")
            }
            let listed = try await client.call(.get, "/api/v1/kb/articles", as: .admin, app: app)
            #expect((listed.body["items"] as? [Any])?.isEmpty == true)
            let article = try await client.call(.post, "/api/v1/kb/articles", as: .manager, app: app, json: Self.refund)
            let id = try #require(article.body["id"] as? String)
            let emptied = try await client.call(
                .patch, "/api/v1/kb/articles/\(id)", as: .manager, app: app,
                json: #"{"title_zh": "", "body_zh": "", "title_en": "", "body_en": ""}"#)
            #expect(emptied.status == .badRequest)
            let kept = try await client.call(.get, "/api/v1/kb/articles/\(id)", as: .agent, app: app)
            #expect(kept.body["title_zh"] as? String == "如何申请退款")
            for (method, path) in [
                (HTTPRequest.Method.patch, "/api/v1/kb/articles/\(id)"), (.delete, "/api/v1/kb/articles/\(id)"),
            ] {
                #expect(try await client.call(method, path, as: .agent, app: app, json: "{}").status == .forbidden)
            }
            #expect(
                try await client.call(.get, "/api/v1/kb/articles/\(UUID())", as: .agent, app: app).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/kb/articles/nope", as: .agent, app: app).status == .badRequest)
            try await client.expectUnauthorized(
                [
                    (HTTPRequest.Method.get, "/api/v1/kb/articles"), (.post, "/api/v1/kb/articles"),
                    (.get, "/api/v1/kb/articles/\(id)"), (.patch, "/api/v1/kb/articles/\(id)"),
                    (.delete, "/api/v1/kb/articles/\(id)"),
                ], app: app)
        }
    }

    @Test(arguments: Engine.available)
    func suggestionsArePublicPublishedOnlyAndInTheCallersLanguage(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let published = try await client.call(
                .post, "/api/v1/kb/articles", as: .manager, app: app, json: Self.refund)
            let id = try #require(published.body["id"] as? String)
            _ = try await client.call(
                .post, "/api/v1/kb/articles", as: .manager, app: app,
                json: #"{"category": "售后", "title_zh": "退款内部流程", "body_zh": "草稿", "status": "draft"}"#)
            func suggest(_ subject: String, language: String?) async throws -> (HTTPResponse.Status, [[String: Any]]) {
                var headers = HTTPFields()
                if let language { headers[.acceptLanguage] = language }
                return try await client.execute(
                    uri: "/api/v1/public/kb/suggestions?q=\(WebForm.encode(subject))", method: .get, headers: headers
                ) { response in
                    let body = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
                    return (response.status, ((body as? [String: Any])?["items"] as? [[String: Any]]) ?? [])
                }
            }
            let chinese = try await suggest("退款很慢怎么办", language: "zh-CN,zh;q=0.9")
            #expect(chinese.0 == .ok)
            #expect(chinese.1.count == 1)
            #expect(chinese.1.first?["id"] as? String == id)
            #expect(chinese.1.first?["title"] as? String == "如何申请退款")
            #expect(chinese.1.first?["url"] as? String == "/help/\(id)")
            let english = try await suggest("refund", language: nil)
            #expect(english.1.first?["title"] as? String == "How to get a refund")
            #expect(try await suggest("  ", language: nil).1.isEmpty)
            #expect(try await suggest("发票", language: nil).1.isEmpty)
            #expect(try await suggest(String(repeating: "退", count: 201), language: nil).0 == .badRequest)
        }
    }
}
