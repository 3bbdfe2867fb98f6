import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

/// The queue's public pages (issue 14 §2, §6): the kiosk and the display board on a device set up with the branch's
/// device key, the remote join page behind its signed link, and the admin API that makes that link.
@Suite("Queue kiosk, board and remote join")
struct QueuePublicPagesTests {
    static let chinese = "zh-CN,zh;q=0.9"

    /// A new device key for the branch, as the admin gets it.
    static func deviceKey(_ client: some TestClientProtocol, _ app: TestApp, _ branch: String) async throws -> String {
        let made = try await client.call(
            .post, "/api/v1/queue/branches/\(branch)/device-key", as: .admin, app: app)
        return try #require(made.body["device_key"] as? String)
    }

    /// Opens `/<page>/{branch}?key=…` once, as the admin does on the device, and returns the cookie it keeps.
    static func setUp(_ client: some TestClientProtocol, _ page: String, _ branch: String, key: String) async throws
        -> String
    {
        let path = "/\(page)/\(branch)"
        let opened = try await client.page(path + "?key=" + key)
        #expect(opened.status == .seeOther && opened.location == path)
        let line = try #require(opened.setCookies[QueueDevice.cookie])
        #expect(line.contains("Path=\(path)") && line.contains("HttpOnly") && line.contains("SameSite=Lax"))
        return "\(QueueDevice.cookie)=\(try #require(opened.cookieValue(QueueDevice.cookie)))"
    }

    static func tickets(_ client: some TestClientProtocol, _ app: TestApp, _ branch: String) async throws
        -> [[String: Any]]
    {
        PurchaseAPITests.items(
            try await client.call(.get, "/api/v1/queue/tickets?branch_id=\(branch)", as: .agent, app: app))
    }

    @Test(arguments: Engine.available)
    func theKioskKeepsItsKeyAndIssuesTicketsWithAStatusQRCode(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await QueueAPITests.branch(client, app)
            let kiosk = "/kiosk/\(branch.id)"
            let bare = try await client.page(kiosk, language: Self.chinese)
            #expect(bare.status == .forbidden && bare.body.contains("请联系管理员"))
            let key = try await Self.deviceKey(client, app, branch.id)
            let wrong = try await client.page(kiosk + "?key=" + String(key.reversed()), language: "en")
            #expect(wrong.status == .forbidden && wrong.body.contains("Ask your administrator"))
            #expect(wrong.setCookies[QueueDevice.cookie] == nil)
            let cookie = try await Self.setUp(client, "kiosk", branch.id, key: key)

            let form = try await client.page(kiosk, cookie: cookie + "; kefu_lang=zh-Hans")
            #expect(form.status == .ok && form.body.contains(#"<html lang="zh-Hans">"#))
            #expect(form.body.contains(#"name="service_id" value="\#(branch.deposits)""#) && form.body.contains("存款"))
            #expect(form.body.contains(#"id="queue-phone""#) && form.body.contains("0 人等候"))
            #expect(form.csrfField == nil)

            let taken = try await client.submit(
                kiosk, [("service_id", branch.deposits), ("phone", "")], session: nil, csrf: "", extraCookie: cookie)
            #expect(taken.status == .created && taken.body.contains(#"id="queue-number">A001</h1>"#))
            #expect(taken.body.contains(#"id="queue-qr""#) && taken.body.contains("<svg"))
            let status = try #require(
                taken.body.range(of: #"href="/q/"#).map { taken.body[$0.upperBound...].prefix { $0 != "\"" } })
            let page = try await client.page("/q/" + status)
            #expect(page.status == .ok && page.body.contains(#"id="queue-number">A001</h1>"#))
            let issued = try await Self.tickets(client, app, branch.id)
            #expect(issued.count == 1 && issued.first?["channel"] as? String == "kiosk")

            // The phone links the ticket to the customer, as the API's does.
            let customer = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app,
                json: #"{"name": "李先生", "phones": ["13800138000"], "tier": "VIP"}"#)
            let linked = try await client.submit(
                kiosk, [("service_id", branch.deposits), ("phone", "138 0013 8000")], session: nil, csrf: "",
                extraCookie: cookie)
            #expect(linked.status == .created && linked.body.contains("A002"))
            let withPhone = try await Self.tickets(client, app, branch.id).first { $0["number"] as? String == "A002" }
            #expect(withPhone?["customer_id"] as? String == customer.body["id"] as? String)
            #expect(withPhone?["class"] as? String == "vip")
        }
    }

    @Test(arguments: Engine.available)
    func theKioskRefusesBadInputAndStrangersAndWritesNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await QueueAPITests.branch(client, app)
            let other = try await QueueAPITests.branch(client, app, name: "徐汇支行")
            let kiosk = "/kiosk/\(branch.id)"
            let cookie = try await Self.setUp(
                client, "kiosk", branch.id, key: try await Self.deviceKey(client, app, branch.id))
            func take(_ fields: [(String, String)], cookie: String?) async throws -> WebResponse {
                try await client.submit(kiosk, fields, session: nil, csrf: "", extraCookie: cookie)
            }
            let badPhone = try await take([("service_id", branch.deposits), ("phone", "12")], cookie: cookie)
            #expect(badPhone.status == .badRequest && badPhone.body.contains(#"aria-invalid="true""#))
            #expect(badPhone.body.contains(#"value="12""#) && badPhone.body.contains(#"name="service_id""#))
            for service in [UUID().uuidString, other.deposits, "not-a-service", ""] {
                let unknown = try await take([("service_id", service)], cookie: cookie)
                #expect(unknown.status == .badRequest && unknown.body.contains("Choose one of the services shown"))
            }
            // A post without the device cookie (another site's, say) is refused.
            let stranger = try await take([("service_id", branch.deposits)], cookie: nil)
            #expect(stranger.status == .forbidden)
            #expect(try await SurveyAPITests.count(app, "queue_tickets") == 0)

            // A renewed key retires the old cookie; unknown and malformed branches are 404 pages.
            _ = try await Self.deviceKey(client, app, branch.id)
            #expect(try await client.page(kiosk, cookie: cookie).status == .forbidden)
            #expect(try await client.page("/kiosk/\(UUID().uuidString)?key=x").status == .notFound)
            #expect(try await client.page("/kiosk/nonsense", cookie: cookie).status == .notFound)
        }
    }

    @Test(arguments: Engine.available)
    func theJoinLinkIsForAdminsAndOpensTheRemotePage(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await QueueAPITests.branch(client, app)
            let other = try await QueueAPITests.branch(client, app, name: "徐汇支行")
            let api = "/api/v1/queue/branches/\(branch.id)/join-link"
            #expect(try await client.call(.get, api, as: nil, app: app).status == .unauthorized)
            #expect(try await client.call(.get, api, as: .manager, app: app).status == .forbidden)
            let unknown = "/api/v1/queue/branches/\(UUID().uuidString)/join-link"
            #expect(try await client.call(.get, unknown, as: .admin, app: app).status == .notFound)
            let malformed = try await client.call(.get, "/api/v1/queue/branches/x/join-link", as: .admin, app: app)
            #expect(malformed.status == .badRequest)
            let made = try await client.call(.get, api, as: .admin, app: app)
            #expect(made.status == .ok && made.body["expires_at"] is String)
            let url = try #require(made.body["url"] as? String)
            let path = try #require(url.range(of: "/join/").map { String(url[$0.lowerBound...]) })
            #expect(path.hasPrefix("/join/\(branch.id.lowercased())?token="))

            let page = try await client.page(path, language: Self.chinese)
            #expect(page.status == .ok && page.body.contains("存款") && page.body.contains("请点选要办理的业务"))
            let csrf = try #require(page.cookieValue(WebSession.loginCSRFCookie))
            #expect(page.csrfField == csrf)
            let csrfCookie = "\(WebSession.loginCSRFCookie)=\(csrf)"
            let noToken = try await client.submit(
                path, [("service_id", branch.deposits)], session: nil, csrf: "", extraCookie: csrfCookie)
            #expect(noToken.status == .forbidden)
            #expect(try await SurveyAPITests.count(app, "queue_tickets") == 0)
            let taken = try await client.submit(
                path, [("service_id", branch.deposits)], session: nil, csrf: csrf, extraCookie: csrfCookie)
            #expect(taken.status == .created && taken.body.contains("A001") && !taken.body.contains("<svg"))
            #expect(try await Self.tickets(client, app, branch.id).first?["channel"] as? String == "remote")

            // The link opens its own branch only; a forged token opens nothing.
            let token = String(path.split(separator: "=").last ?? "")
            #expect(try await client.page("/join/\(other.id)?token=\(token)").status == .notFound)
            #expect(
                try await client.page("/join/\(branch.id)?token=" + String(repeating: "A", count: 43)).status
                    == .notFound)
            #expect(try await client.page("/join/\(branch.id)").status == .notFound)

            // Retiring the branch's links stops them (admins only); a new one works at once.
            let retire = "/api/v1/queue/branches/\(branch.id)/join-links"
            #expect(try await client.call(.delete, retire, as: nil, app: app).status == .unauthorized)
            #expect(try await client.call(.delete, retire, as: .manager, app: app).status == .forbidden)
            let malformedRetire = "/api/v1/queue/branches/x/join-links"
            #expect(try await client.call(.delete, malformedRetire, as: .admin, app: app).status == .badRequest)
            #expect(try await client.page(path).status == .ok)
            let unknownRetire = "/api/v1/queue/branches/\(UUID().uuidString)/join-links"
            #expect(try await client.call(.delete, unknownRetire, as: .admin, app: app).status == .notFound)
            #expect(try await client.call(.delete, retire, as: .admin, app: app).status == .noContent)
            #expect(try await client.page(path).status == .notFound)
            let fresh = try #require(try await client.call(.get, api, as: .admin, app: app).body["url"] as? String)
            let freshPath = try #require(fresh.range(of: "/join/").map { String(fresh[$0.lowerBound...]) })
            #expect(try await client.page(freshPath).status == .ok)
        }
    }

    @Test(arguments: Engine.available)
    func remoteJoinsAreLimitedPerAddress(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await QueueAPITests.branch(client, app)
            let made = try await client.call(
                .get, "/api/v1/queue/branches/\(branch.id)/join-link", as: .admin, app: app)
            let url = try #require(made.body["url"] as? String)
            let path = try #require(url.range(of: "/join/").map { String(url[$0.lowerBound...]) })
            let csrf = try #require(try await client.page(path).cookieValue(WebSession.loginCSRFCookie))
            func take() async throws -> WebResponse {
                try await client.submit(
                    path, [("service_id", branch.deposits)], session: nil, csrf: csrf,
                    extraCookie: "\(WebSession.loginCSRFCookie)=\(csrf)")
            }
            for _ in 0..<QueueTicketRepository.remoteJoinLimit.limit {
                #expect(try await take().status == .created)
            }
            let limited = try await take()
            #expect(limited.status == .tooManyRequests && limited.headers[.retryAfter] != nil)
            #expect(limited.body.contains("Too many tickets from this network"))
            #expect(
                try await SurveyAPITests.count(app, "queue_tickets") == QueueTicketRepository.remoteJoinLimit.limit)
        }
    }

    @Test(arguments: Engine.available)
    func theBoardShowsCallsCountsTheMessageAndHelpArticles(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await QueueAPITests.branch(client, app)
            let board = "/board/\(branch.id)"
            #expect(try await client.page(board, language: Self.chinese).status == .forbidden)
            #expect(try await client.page(board + "/events").status == .forbidden)
            #expect(try await client.page("/board/\(UUID().uuidString)").status == .notFound)
            let cookie = try await Self.setUp(
                client, "board", branch.id, key: try await Self.deviceKey(client, app, branch.id))
            let settings = try await client.call(
                .patch, "/api/v1/queue/branches/\(branch.id)/settings", as: .admin, app: app,
                json: #"{"board_message": "系统较慢，请再等约 10 分钟 <b>"}"#)
            #expect(settings.status == .ok)
            _ = try await client.call(
                .post, "/api/v1/kb/articles", as: .manager, app: app,
                json: #"{"category": "排队", "title_zh": "如何预约", "body_zh": "在小程序里预约。", "status": "published"}"#)
            _ = try await QueueAPITests.issue(client, app, branch.deposits)
            _ = try await QueueAPITests.issue(client, app, branch.deposits)
            _ = try await QueueAPITests.issue(client, app, branch.vipDesk)
            let before = try await client.page(board, cookie: cookie + "; kefu_lang=zh-Hans")
            #expect(before.status == .ok && before.body.contains(#"data-latest-call="""#))
            _ = try await client.call(.post, "/api/v1/queue/counters/\(branch.counter)/call-next", as: .agent, app: app)

            let shown = try await client.page(board, cookie: cookie + "; kefu_lang=zh-Hans")
            #expect(shown.status == .ok && shown.body.contains(#"data-live-source="\#(board)/events""#))
            #expect(shown.body.contains(#"<span class="board-number">A001</span>"#))
            #expect(shown.body.contains(#"<span class="board-counter">1号窗口</span>"#))
            #expect(!shown.body.contains(#"data-latest-call="""#))
            #expect(shown.body.contains("<span>存款</span> <strong>1</strong>"))
            #expect(shown.body.contains("<span>贵宾</span> <strong>1</strong>"))
            #expect(shown.body.contains("系统较慢，请再等约 10 分钟 &lt;b&gt;") && !shown.body.contains("分钟 <b>"))
            #expect(shown.body.contains("如何预约") && shown.body.contains("在小程序里预约。"))
        }
    }

    @Test(arguments: Engine.available)
    func aCallReachesTheBoardsStream(engine: Engine) async throws {
        try await TestApp.run(engine, framework: .live) { app, client in
            let branch = try await QueueAPITests.branch(client, app)
            _ = try await QueueAPITests.issue(client, app, branch.deposits)
            let cookie = try await Self.setUp(
                client, "board", branch.id, key: try await Self.deviceKey(client, app, branch.id))
            let port = try #require(client.port)
            let (head, events) = try await within("the call's event") {
                try await StreamingRequest.get(port: port, "/board/\(branch.id)/events", cookie: cookie) { stream in
                    let head = try await stream.read(until: "retry: ")
                    _ = try await client.call(
                        .post, "/api/v1/queue/counters/\(branch.counter)/call-next", as: .agent, app: app)
                    return (head, try await stream.read(until: "event: changed\n"))
                }
            }
            #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n") && head.lowercased().contains("text/event-stream"))
            #expect(events.contains("event: changed"))
        }
    }
}
