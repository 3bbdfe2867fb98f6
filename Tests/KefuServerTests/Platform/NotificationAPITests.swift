import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import NIOCore
import Testing

/// `/api/v1/me/notifications` on both databases. Every staff role has a list of its own, so there is no 403.
@Suite("Notifications API")
struct NotificationAPITests {
    /// The agent logs a ticket titled `subject`, then the manager gives it to the admin: the agent (its owner)
    /// and the admin each get one notification.
    static func transferred(
        _ client: some TestClientProtocol, _ app: TestApp, subject: String = "开发票"
    ) async throws -> String {
        let customer = try await TicketAPITests.customer(client, app)
        let made = try await client.call(
            .post, "/api/v1/tickets", as: .agent, app: app,
            json: #"{"customer_id": "\#(customer)", "type": "inquiry", "channel": "chat", "subject": "\#(subject)"}"#)
        let ticket = try #require(made.body["id"] as? String)
        let admin = try #require(
            try await UserRepository(app.database).list(limit: 10, cursor: nil).items.first { $0.role == .admin })
        let moved = try await client.call(
            .patch, "/api/v1/tickets/\(ticket)", as: .manager, app: app,
            json: #"{"assignee_id": "\#(admin.id.uuidString)", "transfer_reason": "需要主管处理"}"#)
        #expect(moved.status == .ok)
        return ticket
    }

    @Test(arguments: Engine.available)
    func aTransferTellsTheOwnerAndTheNewAssigneeInTheirLanguage(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let ticket = try await Self.transferred(client, app)
            let list = try await client.call(.get, "/api/v1/me/notifications", as: .agent, app: app)
            #expect(list.status == .ok)
            #expect(list.body["unread_count"] as? Int == 1 && list.body["next_cursor"] is NSNull)
            let item = try #require((list.body["items"] as? [[String: Any]])?.first)
            #expect(item["kind"] as? String == "ticket.transferred")
            #expect(item["subject_type"] as? String == "ticket" && item["subject_id"] as? String == ticket)
            #expect(item["link"] as? String == "/tickets/\(ticket)" && item["read_at"] is NSNull)
            #expect(item["text"] as? String == "manager transferred your ticket T-000001 “开发票”: 需要主管处理")
            var headers = app.headers(.agent)
            headers[.acceptLanguage] = "zh-CN,zh;q=0.9"
            let chinese = try await client.execute(uri: "/api/v1/me/notifications", method: .get, headers: headers) {
                try JSONSerialization.jsonObject(with: Data($0.body.readableBytesView)) as? [String: Any]
            }
            let text = (chinese?["items"] as? [[String: Any]])?.first?["text"] as? String
            #expect(text == "manager 转交了你负责的工单 T-000001“开发票”：需要主管处理")
            let admin = try await client.call(.get, "/api/v1/me/notifications", as: .admin, app: app)
            #expect((admin.body["items"] as? [[String: Any]])?.first?["kind"] as? String == "ticket.assigned")
            let manager = try await client.call(.get, "/api/v1/me/notifications", as: .manager, app: app)
            #expect((manager.body["items"] as? [Any])?.isEmpty == true && manager.body["unread_count"] as? Int == 0)
        }
    }

    @Test(arguments: Engine.available)
    func notificationsAreMarkedReadOneOrAllAndOnlyByTheirReader(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await Self.transferred(client, app)
            _ = try await Self.transferred(client, app, subject: "换卡")
            let list = try await client.call(.get, "/api/v1/me/notifications?limit=1", as: .agent, app: app)
            let first = try #require((list.body["items"] as? [[String: Any]])?.first?["id"] as? String)
            let cursor = try #require(list.body["next_cursor"] as? String)
            let next = try await client.call(
                .get, "/api/v1/me/notifications?limit=1&cursor=\(cursor)", as: .agent, app: app)
            #expect((next.body["items"] as? [[String: Any]])?.count == 1 && next.body["next_cursor"] is NSNull)
            let notMine = try await client.call(.post, "/api/v1/me/notifications/\(first)/read", as: .admin, app: app)
            #expect(notMine.status == .notFound)
            let read = try await client.call(.post, "/api/v1/me/notifications/\(first)/read", as: .agent, app: app)
            #expect(read.status == .ok && read.body["id"] as? String == first && read.body["read_at"] is String)
            let unread = try await client.call(.get, "/api/v1/me/notifications?unread=true", as: .agent, app: app)
            #expect((unread.body["items"] as? [Any])?.count == 1 && unread.body["unread_count"] as? Int == 1)
            let all = try await client.call(.post, "/api/v1/me/notifications/read-all", as: .agent, app: app)
            #expect(all.status == .ok && all.body["marked"] as? Int == 1)
            let after = try await client.call(.get, "/api/v1/me/notifications", as: .agent, app: app)
            #expect(after.body["unread_count"] as? Int == 0 && (after.body["items"] as? [Any])?.count == 2)
            let adminList = try await client.call(.get, "/api/v1/me/notifications", as: .admin, app: app)
            #expect(adminList.body["unread_count"] as? Int == 2)
        }
    }

    @Test(arguments: Engine.available)
    func badParametersAre400AndAnonymousCallersAre401(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await Self.transferred(client, app)
            for query in ["unread=maybe", "limit=0", "limit=x", "cursor=forged"] {
                let bad = try await client.call(.get, "/api/v1/me/notifications?\(query)", as: .agent, app: app)
                #expect(bad.status == .badRequest, "\(query)")
            }
            let malformed = try await client.call(.post, "/api/v1/me/notifications/nope/read", as: .agent, app: app)
            #expect(malformed.status == .badRequest)
            let unknown = try await client.call(.post, "/api/v1/me/notifications/\(UUID())/read", as: .agent, app: app)
            #expect(unknown.status == .notFound)
            let list = try await client.call(.get, "/api/v1/me/notifications", as: .agent, app: app)
            #expect(list.body["unread_count"] as? Int == 1)
            try await client.expectUnauthorized(
                [
                    (HTTPRequest.Method.get, "/api/v1/me/notifications"), (.post, "/api/v1/me/notifications/read-all"),
                    (.post, "/api/v1/me/notifications/\(UUID())/read"),
                ], app: app)
        }
    }
}
