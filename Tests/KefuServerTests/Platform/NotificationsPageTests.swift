import Foundation
import HummingbirdTesting
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@testable import KefuServer

@Suite("Web: notifications")
struct NotificationsPageTests {
    @Test(arguments: Engine.available)
    func theHeaderCountsUnreadAndThePageListsThemEscaped(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let agent = try await client.webLogin(.agent)
            let quiet = try await client.page("/customers", session: agent)
            #expect(quiet.body.contains(#"href="/notifications""#) && !quiet.body.contains(#"class="count""#))
            let ticket = try await NotificationAPITests.transferred(
                client, app, subject: #"<script>alert(\"x\")</script> & 发票"#)
            let header = try await client.page("/customers", session: agent)
            #expect(header.body.contains(#"<span class="count">1</span>"#))
            let page = try await client.page("/notifications", session: agent)
            #expect(page.status == .ok)
            #expect(page.body.contains(#"class="unread""#) && page.body.contains(#"href="/tickets/\#(ticket)""#))
            #expect(page.body.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 发票"))
            #expect(!page.body.contains("<script>alert"))
            let chinese = try await client.page("/notifications", session: agent, language: "zh-CN")
            #expect(chinese.body.contains("转交了你负责的工单") && chinese.body.contains("全部标为已读"))
        }
    }

    @Test(arguments: Engine.available)
    func markingReadNeedsTheFormTokenAndClearsTheCount(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await NotificationAPITests.transferred(client, app)
            _ = try await NotificationAPITests.transferred(client, app, subject: "换卡")
            let agent = try await client.webLogin(.agent)
            let notifications = try await NotificationRepository(app.database).list(
                for: try #require(
                    try await UserRepository(app.database).credentials(email: "agent@example.test")?.user.id))
            let first = try #require(notifications.items.first)
            let path = "/notifications/\(first.id.uuidString)/read"
            let forged = try await client.submit(path, [], session: agent, csrf: "forged")
            #expect(forged.status == .forbidden)
            let read = try await client.submit(path, [], session: agent)
            #expect(read.status == .seeOther && read.location == "/notifications")
            #expect(try await client.page("/customers", session: agent).body.contains(#"<span class="count">1</span>"#))
            let someoneElses = try await client.submit(
                path, [], session: try await client.webLogin(.admin))
            #expect(someoneElses.status == .notFound)
            let all = try await client.submit("/notifications/read-all", [], session: agent)
            #expect(all.status == .seeOther)
            let page = try await client.page(try #require(all.location), session: agent)
            #expect(page.body.contains("All notifications marked read.") && !page.body.contains(#"class="count""#))
            #expect(!page.body.contains(#"class="unread""#) && !page.body.contains("/notifications/read-all"))
            let loggedOut = try await client.page("/notifications")
            #expect(loggedOut.status == .seeOther && loggedOut.location == "/login")
        }
    }

    @Test(arguments: Engine.available)
    func anEmptyListSaysSo(engine: Engine) async throws {
        try await TestApp.run(engine) { _, client in
            let page = try await client.page("/notifications", session: try await client.webLogin(.manager))
            #expect(page.status == .ok && page.body.contains("No notifications."))
        }
    }
}
