import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Tickets API")
struct TicketAPITests {
    static func customer(_ client: some TestClientProtocol, _ app: TestApp) async throws -> String {
        let made = try await client.call(.post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "王小明"}"#)
        return try #require(made.body["id"] as? String)
    }

    @Test(arguments: Engine.available)
    func logReplyAndFind(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await Self.customer(client, app)
            let created = try await client.call(
                .post, "/api/v1/tickets", as: .agent, app: app,
                json: #"""
                    {"customer_id": "\#(customer)", "type": "complaint", "channel": "phone",
                     "subject": "空调不制冷", "description": "客户来电说空调坏了", "tags": ["维修"]}
                    """#)
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/tickets/\(id)")
            #expect(created.body["number"] as? String == "T-000001")
            #expect(created.body["status"] as? String == "new")
            #expect(created.body["priority"] as? String == "normal")
            #expect(created.body["owner_id"] as? String == created.body["assignee_id"] as? String)
            #expect(created.body["owner_id"] is String)
            #expect(created.body["branch_id"] is NSNull)
            #expect((created.body["transfers"] as? [Any])?.isEmpty == true)
            let reply = try await client.call(
                .post, "/api/v1/tickets/\(id)/messages", as: .agent, app: app,
                json: #"{"body": "师傅明天上门", "internal": false}"#)
            #expect(reply.status == .created)
            #expect(reply.body["internal"] as? Bool == false && reply.body["author_kind"] as? String == "staff")
            let note = try await client.call(
                .post, "/api/v1/tickets/\(id)/messages", as: .manager, app: app,
                json: #"{"body": "注意保修期", "internal": true}"#)
            #expect(note.status == .created)
            let messages = try await client.call(.get, "/api/v1/tickets/\(id)/messages", as: .agent, app: app)
            let bodies = (messages.body["items"] as? [[String: Any]])?.compactMap { $0["body"] as? String }
            #expect(bodies == ["师傅明天上门", "注意保修期"])
            let fetched = try await client.call(.get, "/api/v1/tickets/\(id)", as: .agent, app: app)
            #expect(fetched.body["status"] as? String == "open")
            for query in [
                "q=%E7%A9%BA%E8%B0%83", "view=mine", "status=open&type=complaint", "tag=%E7%BB%B4%E4%BF%AE",
                "customer_id=\(customer)", "q=t-000001",
                // a public reply, an internal note, the customer's name
                "q=%E6%98%8E%E5%A4%A9%E4%B8%8A%E9%97%A8", "q=%E4%BF%9D%E4%BF%AE%E6%9C%9F", "q=%E7%8E%8B%E5%B0%8F",
            ] {
                let found = try await client.call(.get, "/api/v1/tickets?\(query)", as: .agent, app: app)
                #expect((found.body["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id], "\(query)")
            }
            for query in ["view=unassigned", "status=closed", "q=%E6%B2%A1%E6%9C%89", "view=mine&limit=1"] {
                let found = try await client.call(.get, "/api/v1/tickets?\(query)", as: .manager, app: app)
                #expect((found.body["items"] as? [Any])?.isEmpty == true, "\(query)")
            }
            let kinds = try await Self.timelineKinds(client, app, customer: customer)
            #expect(kinds.contains("ticket.created") && kinds.contains("ticket.replied"))
        }
    }

    @Test(arguments: Engine.available)
    func badInputIs400AndWritesNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await Self.customer(client, app)
            let unknown = try await client.call(
                .post, "/api/v1/tickets", as: .agent, app: app,
                json: #"{"customer_id": "\#(UUID())", "type": "inquiry", "channel": "web", "subject": "问"}"#)
            #expect(unknown.status == .badRequest)
            #expect((unknown.body["errors"] as? [[String: Any]])?.first?["field"] as? String == "customer_id")
            let future = try await client.call(
                .post, "/api/v1/tickets", as: .agent, app: app,
                json: #"""
                    {"customer_id": "\#(customer)", "type": "inquiry", "channel": "web", "subject": " ",
                     "received_at": "2999-01-01T00:00:00Z"}
                    """#)
            #expect(future.status == .badRequest)
            let fields = (future.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["subject", "received_at"])
            let badType = try await client.call(
                .post, "/api/v1/tickets", as: .agent, app: app,
                json: #"{"customer_id": "\#(customer)", "type": "rant", "channel": "web", "subject": "问"}"#)
            #expect(badType.status == .badRequest)
            let badView = try await client.call(.get, "/api/v1/tickets?view=everything", as: .agent, app: app)
            #expect(badView.status == .badRequest)
            let list = try await client.call(.get, "/api/v1/tickets", as: .admin, app: app)
            #expect((list.body["items"] as? [Any])?.isEmpty == true)
            let missing = try await client.call(.get, "/api/v1/tickets/\(UUID())", as: .agent, app: app)
            #expect(missing.status == .notFound)
        }
    }

    @Test(arguments: Engine.available)
    func ownersAreNamedByManagersOnlyAndAnonymousCallersAreRefused(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await Self.customer(client, app)
            let users = try await UserRepository(app.database).list(limit: 10, cursor: nil).items
            let agent = try #require(users.first { $0.role == .agent })
            let body = #"""
                {"customer_id": "\#(customer)", "type": "request", "channel": "walk_in", "subject": "换卡",
                 "owner_id": "\#(agent.id.uuidString)"}
                """#
            let byAgent = try await client.call(.post, "/api/v1/tickets", as: .agent, app: app, json: body)
            #expect(byAgent.status == .forbidden)
            let byManager = try await client.call(.post, "/api/v1/tickets", as: .manager, app: app, json: body)
            #expect(byManager.status == .created)
            #expect(byManager.body["owner_id"] as? String == agent.id.uuidString)
            #expect(byManager.body["number"] as? String == "T-000001")
            try await client.expectUnauthorized(
                [
                    (HTTPRequest.Method.get, "/api/v1/tickets"), (.post, "/api/v1/tickets"),
                    (.get, "/api/v1/tickets/\(UUID())"), (.get, "/api/v1/tickets/\(UUID())/messages"),
                    (.post, "/api/v1/tickets/\(UUID())/messages"), (.patch, "/api/v1/tickets/\(UUID())"),
                ], app: app)
        }
    }

    static func timelineKinds(
        _ client: some TestClientProtocol, _ app: TestApp, customer: String
    ) async throws -> [String] {
        let timeline = try await client.call(.get, "/api/v1/customers/\(customer)/timeline", as: .agent, app: app)
        return (timeline.body["items"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
    }

    static func ticket(
        _ client: some TestClientProtocol, _ app: TestApp, customer: String, type: String = "inquiry"
    ) async throws -> String {
        let made = try await client.call(
            .post, "/api/v1/tickets", as: .agent, app: app,
            json: #"{"customer_id": "\#(customer)", "type": "\#(type)", "channel": "chat", "subject": "开发票"}"#)
        return try #require(made.body["id"] as? String)
    }

    @Test(arguments: Engine.available)
    func patchTransfersResolvesAndClosedTicketsAreReadOnly(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await Self.customer(client, app)
            let id = try await Self.ticket(client, app, customer: customer)
            let users = try await UserRepository(app.database).list(limit: 10, cursor: nil).items
            let agent = try #require(users.first { $0.role == .agent })
            let manager = try #require(users.first { $0.role == .manager })
            let tagged = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .agent, app: app,
                json: #"{"priority": "high", "tags": ["VIP", "vip", " 发票 "]}"#)
            #expect(tagged.status == .ok)
            #expect(tagged.body["tags"] as? [String] == ["VIP", "发票"])
            #expect(tagged.body["priority"] as? String == "high")
            let found = try await client.call(.get, "/api/v1/tickets?tag=vip", as: .agent, app: app)
            #expect((found.body["items"] as? [[String: Any]])?.first?["tags"] as? [String] == ["VIP", "发票"])
            let noReason = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .agent, app: app,
                json: #"{"assignee_id": "\#(manager.id.uuidString)"}"#)
            #expect(noReason.status == .badRequest)
            #expect((noReason.body["errors"] as? [[String: Any]])?.first?["field"] as? String == "transfer_reason")
            let unknown = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .agent, app: app,
                json: #"{"assignee_id": "\#(UUID())", "transfer_reason": "出差"}"#)
            #expect((unknown.body["errors"] as? [[String: Any]])?.first?["field"] as? String == "assignee_id")
            let moved = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .agent, app: app,
                json: #"{"assignee_id": "\#(manager.id.uuidString)", "transfer_reason": "需要主管审批"}"#)
            #expect(moved.status == .ok)
            #expect(moved.body["owner_id"] as? String == agent.id.uuidString)
            #expect(moved.body["assignee_id"] as? String == manager.id.uuidString)
            let transfers = moved.body["transfers"] as? [[String: Any]]
            #expect(transfers?.count == 1)
            #expect(transfers?.first?["from_id"] as? String == agent.id.uuidString)
            #expect(transfers?.first?["by_id"] as? String == agent.id.uuidString)
            #expect(transfers?.first?["reason"] as? String == "需要主管审批")
            let resolved = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .manager, app: app, json: #"{"status": "resolved"}"#)
            #expect(resolved.body["status"] as? String == "resolved" && resolved.body["resolved_at"] is String)
            let closed = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .manager, app: app, json: #"{"status": "closed"}"#)
            #expect(closed.status == .ok)
            let readOnly = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .manager, app: app, json: #"{"priority": "low"}"#)
            #expect(readOnly.status == .conflict)
            let reply = try await client.call(
                .post, "/api/v1/tickets/\(id)/messages", as: .agent, app: app, json: #"{"body": "还在吗"}"#)
            #expect(reply.status == .conflict)
            let kinds = try await Self.timelineKinds(client, app, customer: customer)
            #expect(kinds.contains("ticket.transferred") && kinds.contains("ticket.status_changed"))
        }
    }

    @Test(arguments: Engine.available)
    func aComplaintCannotBeResolvedWithoutRootCauseAndSolution(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await Self.customer(client, app)
            let id = try await Self.ticket(client, app, customer: customer, type: "complaint")
            let resolved = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .manager, app: app, json: #"{"status": "resolved"}"#)
            #expect(resolved.status == .unprocessableContent)
            #expect(resolved.body["missing"] as? [String] == ["root_cause", "solution"])
            let fetched = try await client.call(.get, "/api/v1/tickets/\(id)", as: .agent, app: app)
            #expect(fetched.body["status"] as? String == "new")
            let backwards = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .manager, app: app, json: #"{"status": "open"}"#)
            #expect(backwards.status == .ok)
            let toNew = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .manager, app: app, json: #"{"status": "new"}"#)
            #expect(toNew.status == .conflict)
        }
    }
}
