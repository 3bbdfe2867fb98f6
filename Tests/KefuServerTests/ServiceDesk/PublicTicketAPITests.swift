import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Public tickets API")
struct PublicTicketAPITests {
    static let body = #"""
        {"name": "王小明", "phone": "13800138000", "subject": "发票", "description": "请开发票"}
        """#

    /// The status link's JSON, or the problem it answers.
    static func statusJSON(_ client: some TestClientProtocol, _ path: String) async throws
        -> (status: HTTPResponse.Status, body: [String: Any])
    {
        try await client.execute(uri: path, method: .get, headers: [.accept: "application/json"]) { response in
            let json = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
            return (response.status, json as? [String: Any] ?? [:])
        }
    }

    /// Files `body` through the public API: the status link and the new ticket's id.
    static func file(_ client: some TestClientProtocol, _ app: TestApp) async throws -> (statusURL: String, id: String)
    {
        let made = try await client.call(.post, "/api/v1/public/tickets", as: nil, app: app, json: body)
        let path = try #require(made.body["status_url"] as? String)
        let id = try #require(try await SupportPagesTests.tickets(client, app).first?["id"] as? String)
        return (path, id)
    }

    static func nothingStored(_ client: some TestClientProtocol, _ app: TestApp) async throws {
        for path in ["/api/v1/tickets", "/api/v1/customers"] {
            let list = try await client.call(.get, path, as: .admin, app: app)
            #expect((list.body["items"] as? [Any])?.isEmpty == true, "\(path)")
        }
    }

    @Test(arguments: Engine.available)
    func aCustomerFilesATicketAndFollowsItWithoutALogin(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let made = try await client.call(.post, "/api/v1/public/tickets", as: nil, app: app, json: Self.body)
            #expect(made.status == .created)
            #expect(made.body["number"] as? String == "T-000001")
            let path = try #require(made.body["status_url"] as? String)
            #expect(path.hasPrefix("/support/t/") && path.count == "/support/t/".count + 43)
            #expect(made.headers[.location] == path)
            let page = try await client.page(path)
            #expect(page.status == .ok && page.body.contains("T-000001") && page.body.contains("请开发票"))
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            let ticket = try #require(try await SupportPagesTests.tickets(client, app).first)
            #expect(ticket["channel"] as? String == "web" && ticket["type"] as? String == "inquiry")
            let id = try #require(ticket["id"] as? String)
            let messages = try await client.call(.get, "/api/v1/tickets/\(id)/messages", as: .agent, app: app)
            let first = try #require((messages.body["items"] as? [[String: Any]])?.first)
            #expect(first["author_kind"] as? String == "customer" && first["body"] as? String == "请开发票")
        }
    }

    @Test(arguments: Engine.available)
    func internalNotesNeverReachTheStatusPageOrItsJSON(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (path, id) = try await Self.file(client, app)
            _ = try await client.call(
                .post, "/api/v1/tickets/\(id)/messages", as: .agent, app: app, json: #"{"body": "发票明天寄出"}"#)
            _ = try await client.call(
                .post, "/api/v1/tickets/\(id)/messages", as: .agent, app: app,
                json: #"{"body": "内部：客户难缠", "internal": true}"#)
            let page = try await client.page(path)
            #expect(page.body.contains("发票明天寄出") && !page.body.contains("客户难缠"))
            let json = try await Self.statusJSON(client, path)
            #expect(json.status == .ok)
            #expect(json.body["number"] as? String == "T-000001" && json.body["status"] as? String == "open")
            #expect(json.body["subject"] as? String == "发票")
            let messages = try #require(json.body["messages"] as? [[String: Any]])
            #expect(messages.compactMap { $0["body"] as? String } == ["请开发票", "发票明天寄出"])
            #expect(messages.compactMap { $0["author"] as? String } == ["customer", "staff"])
            #expect(messages.allSatisfy { $0["author_id"] == nil && $0["created_at"] is String })
        }
    }

    @Test(arguments: Engine.available)
    func badInputIs400NamingTheFieldsAndStoresNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let bad = try await client.call(
                .post, "/api/v1/public/tickets", as: nil, app: app,
                json: #"{"name": "", "email": "no-at-sign", "subject": "", "description": ""}"#)
            #expect(bad.status == .badRequest)
            let fields = (bad.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["name", "email", "subject", "description"])
            let noContact = try await client.call(
                .post, "/api/v1/public/tickets", as: nil, app: app,
                json: #"{"name": "王", "subject": "问", "description": "问题"}"#)
            #expect(noContact.status == .badRequest)
            let codes = (noContact.body["errors"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            #expect(codes == ["contact_required", "contact_required"])
            let notJSON = try await client.call(.post, "/api/v1/public/tickets", as: nil, app: app, json: "[1]")
            #expect(notJSON.status == .badRequest)
            try await Self.nothingStored(client, app)
        }
    }

    @Test(arguments: Engine.available)
    func aFilledHoneypotLooksAcceptedButStoresNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let bot = try await client.call(
                .post, "/api/v1/public/tickets", as: nil, app: app,
                json: #"""
                    {"name": "Bot", "email": "bot@example.com", "subject": "cheap", "description": "buy",
                     "website": "http://spam.example"}
                    """#)
            #expect(bot.status == .created && bot.body["number"] as? String == "T-000001")
            let path = try #require(bot.body["status_url"] as? String)
            #expect(path.count == "/support/t/".count + 43)
            #expect(try await client.page(path).status == .notFound)
            try await Self.nothingStored(client, app)
            let real = try await client.call(.post, "/api/v1/public/tickets", as: nil, app: app, json: Self.body)
            #expect(real.body["number"] as? String == "T-000001")
        }
    }

    @Test(arguments: Engine.available)
    func theTwentyFirstTicketFromOneAddressInAnHourIs429(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            for _ in 0..<20 {
                let made = try await client.call(.post, "/api/v1/public/tickets", as: nil, app: app, json: Self.body)
                #expect(made.status == .created)
            }
            let refused = try await client.call(.post, "/api/v1/public/tickets", as: nil, app: app, json: Self.body)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.body["type"] as? String == "https://kefu.dev/problems/rate-limited")
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 > 0)
            let list = try await client.call(.get, "/api/v1/tickets?limit=200", as: .admin, app: app)
            #expect((list.body["items"] as? [Any])?.count == 20)
        }
    }

    @Test(arguments: Engine.available)
    func forgedChangedAndRevokedLinksAre404(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (path, id) = try await Self.file(client, app)
            let changed = String(path.dropLast()) + (path.hasSuffix("A") ? "B" : "A")
            for wrong in [changed, "/support/t/" + String(repeating: "A", count: 43), "/support/t/short", path + "A"] {
                #expect(try await client.page(wrong).status == .notFound, "\(wrong)")
                let json = try await Self.statusJSON(client, wrong)
                #expect(
                    json.status == .notFound && json.body["type"] as? String == "https://kefu.dev/problems/not-found")
            }
            let reissued = try await client.call(.post, "/api/v1/tickets/\(id)/status-link", as: .agent, app: app)
            #expect(reissued.status == .created)
            let fresh = try #require(reissued.body["status_url"] as? String)
            #expect(reissued.headers[.location] == fresh && fresh != path)
            #expect(try await client.page(path).status == .notFound)
            #expect(try await client.page(fresh).status == .ok)
            let unknown = try await client.call(.post, "/api/v1/tickets/\(UUID())/status-link", as: .agent, app: app)
            #expect(unknown.status == .notFound)
            let malformed = try await client.call(.post, "/api/v1/tickets/nope/status-link", as: .agent, app: app)
            #expect(malformed.status == .badRequest)
            try await client.expectUnauthorized([(.post, "/api/v1/tickets/\(id)/status-link")], app: app)
        }
    }
}
