import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Support pages")
struct SupportPagesTests {
    /// A visitor without a session: the double-submit cookie the form page set, and its token.
    struct Visitor {
        var csrf: String
        var cookie: String { "\(WebSession.loginCSRFCookie)=\(csrf)" }
    }

    static func visit(_ client: some TestClientProtocol, _ path: String, language: String? = nil) async throws
        -> (WebResponse, Visitor)
    {
        let page = try await client.page(path, language: language)
        let csrf = try #require(page.cookieValue(WebSession.loginCSRFCookie))
        #expect(page.csrfField == csrf)
        return (page, Visitor(csrf: csrf))
    }

    static func post(
        _ client: some TestClientProtocol, _ path: String, _ fields: [(String, String)], as visitor: Visitor
    ) async throws -> WebResponse {
        try await client.submit(path, fields, session: nil, csrf: visitor.csrf, extraCookie: visitor.cookie)
    }

    static let ticket = [
        ("name", "王小明"), ("phone", "13800138000"), ("email", ""), ("subject", "发票"), ("description", "请开发票"),
        ("website", ""),
    ]

    static func tickets(_ client: some TestClientProtocol, _ app: TestApp) async throws -> [[String: Any]] {
        try await client.call(.get, "/api/v1/tickets", as: .admin, app: app).body["items"] as? [[String: Any]] ?? []
    }

    @Test(arguments: Engine.available)
    func theFormRendersInBothLanguagesWithoutTheStaffHeader(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (english, _) = try await Self.visit(client, "/support/new", language: "en")
            #expect(english.status == .ok && english.body.contains(#"lang="en""#))
            #expect(english.body.contains("Contact support") && english.body.contains(#"id="lang-zh-Hans""#))
            for id in [
                "support-name", "support-phone", "support-email", "support-subject", "support-description",
                "support-submit",
            ] {
                #expect(english.body.contains(#"id="\#(id)""#), "\(id)")
            }
            #expect(english.body.contains(#"name="website" tabindex="-1""#))
            #expect(!english.body.contains("/logout") && !english.body.contains(#"href="/customers""#))
            let (chinese, _) = try await Self.visit(client, "/support/new", language: "zh-CN,zh;q=0.9")
            #expect(chinese.body.contains(#"lang="zh-Hans""#) && chinese.body.contains("联系客服"))
        }
    }

    @Test(arguments: Engine.available)
    func submittingShowsTheStatusLinkWhereTheCustomerReadsAndReplies(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (_, visitor) = try await Self.visit(client, "/support/new", language: "zh-CN")
            let sent = try await Self.post(client, "/support/new", Self.ticket, as: visitor)
            #expect(sent.status == .created && sent.body.contains("T-000001"))
            let link = try #require(sent.body.range(of: #"id="status-link" href=""#))
            let path = String(sent.body[link.upperBound...].prefix { $0 != "\"" })
            #expect(path.hasPrefix("/support/t/"))
            let (status, reader) = try await Self.visit(client, path, language: "zh-CN")
            #expect(status.body.contains("T-000001") && status.body.contains("已受理"))
            #expect(status.body.contains(#"class="message from-customer""#) && status.body.contains("请开发票"))
            #expect(status.body.contains(#"id="reply-body""#) && status.body.contains(#"id="reply-submit""#))
            let replied = try await Self.post(client, path, [("body", "补充：抬头是公司")], as: reader)
            #expect(replied.status == .seeOther && replied.location == path + "?flash=support_replied")
            let after = try await client.page(path + "?flash=support_replied", language: "zh-CN")
            #expect(after.body.contains("补充：抬头是公司") && after.body.contains("您的回复已发送"))
            let blank = try await Self.post(client, path, [("body", " ")], as: reader)
            #expect(blank.status == .badRequest && blank.body.contains(#"id="reply-body""#))
            let forged = try await client.submit(
                path, [("body", "无令牌")], session: nil, csrf: "", extraCookie: reader.cookie)
            #expect(forged.status == .forbidden)
            let id = try #require(try await Self.tickets(client, app).first?["id"] as? String)
            let messages = try await client.call(.get, "/api/v1/tickets/\(id)/messages", as: .agent, app: app)
            #expect((messages.body["items"] as? [Any])?.count == 2)
            let found = try await client.call(
                .get, "/api/v1/tickets?q=%E6%8A%AC%E5%A4%B4%E6%98%AF%E5%85%AC%E5%8F%B8", as: .agent, app: app)
            #expect((found.body["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
        }
    }

    @Test(arguments: Engine.available)
    func aReplyToAClosedTicketMovesTheCustomerToTheFollowUp(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (path, id) = try await PublicTicketAPITests.file(client, app)
            let closed = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .agent, app: app, json: #"{"status": "closed"}"#)
            #expect(closed.status == .ok)
            let (page, visitor) = try await Self.visit(client, path, language: "en")
            #expect(page.body.contains("Closed") && page.body.contains("will open a new ticket"))
            let replied = try await Self.post(client, path, [("body", "It broke again")], as: visitor)
            #expect(replied.status == .seeOther)
            let next = try #require(replied.location)
            #expect(
                next.hasPrefix("/support/t/") && next.hasSuffix("?flash=support_follow_up") && !next.hasPrefix(path))
            let followUp = try await client.page(next, language: "en")
            #expect(followUp.body.contains("T-000002") && followUp.body.contains("It broke again"))
            #expect(try await Self.tickets(client, app).count == 2)
        }
    }

    @Test(arguments: Engine.available)
    func aMergedTicketsLinkShowsTheSurvivor(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (first, firstID) = try await PublicTicketAPITests.file(client, app)
            let second = try await client.call(
                .post, "/api/v1/public/tickets", as: nil, app: app, json: PublicTicketAPITests.body)
            #expect(second.body["number"] as? String == "T-000002")
            let survivor = try #require(
                try await Self.tickets(client, app).compactMap { $0["id"] as? String }.first { $0 != firstID })
            let merged = try await client.call(
                .post, "/api/v1/tickets/\(firstID)/merge", as: .agent, app: app, json: #"{"into": "\#(survivor)"}"#)
            #expect(merged.status == .ok)
            let page = try await client.page(first, language: "en")
            #expect(page.status == .ok && page.body.contains(#"id="ticket-number">T-000002<"#))
            #expect(!page.body.contains("will open a new ticket"))
        }
    }

    @Test(arguments: Engine.available)
    func badInputHoneypotAndRateLimitAnswerOnTheFormAndStoreNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (_, visitor) = try await Self.visit(client, "/support/new", language: "en")
            let bad = try await Self.post(
                client, "/support/new", [("name", ""), ("phone", "12"), ("subject", ""), ("description", "")],
                as: visitor)
            #expect(bad.status == .badRequest && bad.body.contains("“12” is not a valid phone number."))
            #expect(
                bad.body.contains(#"id="support-name" name="name" autocomplete="name" value="" aria-invalid="true""#))
            let noToken = try await client.submit("/support/new", Self.ticket, session: nil, csrf: "")
            #expect(noToken.status == .forbidden)
            let bot = try await Self.post(
                client, "/support/new", Self.ticket.filter { $0.0 != "website" } + [("website", "x")], as: visitor)
            #expect(bot.status == .created && bot.body.contains(#"id="status-link""#))
            #expect(try await Self.tickets(client, app).isEmpty)
            for _ in 0..<20 {
                #expect(try await Self.post(client, "/support/new", Self.ticket, as: visitor).status == .created)
            }
            let limited = try await Self.post(client, "/support/new", Self.ticket, as: visitor)
            #expect(limited.status == .tooManyRequests && limited.headers[.retryAfter] != nil)
            #expect(limited.body.contains("Too many requests came from your network"))
        }
    }

    @Test(arguments: Engine.available)
    func valuesAreEscapedAndUnknownLinksAre404Pages(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let made = try await client.call(
                .post, "/api/v1/public/tickets", as: nil, app: app,
                json: #"""
                    {"name": "<b>x</b>", "email": "x@example.com", "subject": "<script>alert(1)</script>",
                     "description": "a & \"b\" <i>c</i>"}
                    """#)
            let path = try #require(made.body["status_url"] as? String)
            let page = try await client.page(path)
            #expect(!page.body.contains("<script>alert") && page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.body.contains("<i>c</i>") && page.body.contains("&lt;i&gt;c&lt;/i&gt;"))
            let (_, visitor) = try await Self.visit(client, "/support/new")
            let echoed = try await Self.post(
                client, "/support/new", [("name", #""><script>x</script>"#), ("subject", "")], as: visitor)
            #expect(!echoed.body.contains("<script>x") && echoed.body.contains("&lt;script&gt;x"))
            for language in ["en", "zh-CN"] {
                let missing = try await client.page(
                    "/support/t/" + String(repeating: "A", count: 43), language: language)
                #expect(missing.status == .notFound)
                #expect(missing.body.contains(language == "en" ? "This link does not work" : "链接无效"))
                #expect(!missing.body.contains(#"href="/login""#))
            }
        }
    }
}
