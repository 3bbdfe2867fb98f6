import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Canned replies API")
struct CannedReplyAPITests {
    static let greeting = #"{"title": "问候", "body": "{{customer.name}}您好，{{ticket.number}}由{{agent.name}}跟进。"}"#

    @Test(arguments: Engine.available)
    func managersKeepRepliesAndAgentsInsertThemIntoTickets(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let created = try await client.call(
                .post, "/api/v1/canned-replies", as: .manager, app: app, json: Self.greeting)
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/canned-replies/\(id)")
            #expect(created.body["created_by"] is String && created.body["created_at"] is String)
            let listed = try await client.call(.get, "/api/v1/canned-replies", as: .agent, app: app)
            #expect((listed.body["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
            #expect(listed.body["next_cursor"] is NSNull)
            let customer = try await TicketAPITests.customer(client, app)
            let ticket = try await client.call(
                .post, "/api/v1/tickets", as: .agent, app: app,
                json: #"{"customer_id": "\#(customer)", "type": "inquiry", "channel": "phone", "subject": "问"}"#)
            let ticketID = try #require(ticket.body["id"] as? String)
            let rendered = try await client.call(
                .get, "/api/v1/tickets/\(ticketID)/canned-replies/\(id)", as: .agent, app: app)
            #expect(rendered.status == .ok)
            #expect(rendered.body["body"] as? String == "王小明您好，T-000001由agent跟进。")
            #expect(rendered.body["title"] as? String == "问候")
            let patched = try await client.call(
                .patch, "/api/v1/canned-replies/\(id)", as: .admin, app: app, json: #"{"title": "开场白"}"#)
            #expect(patched.status == .ok)
            #expect(patched.body["title"] as? String == "开场白")
            #expect((patched.body["body"] as? String)?.hasPrefix("{{customer.name}}") == true)
            let read = try await client.call(.get, "/api/v1/canned-replies/\(id)", as: .agent, app: app)
            #expect(read.body["title"] as? String == "开场白")
            #expect(
                try await client.call(.delete, "/api/v1/canned-replies/\(id)", as: .manager, app: app).status
                    == .noContent)
            #expect(
                try await client.call(.get, "/api/v1/canned-replies/\(id)", as: .agent, app: app).status == .notFound)
        }
    }

    @Test(arguments: Engine.available)
    func badInputAndRolesAreRefusedAndWriteNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            #expect(
                try await client.call(.post, "/api/v1/canned-replies", as: .agent, app: app, json: Self.greeting).status
                    == .forbidden)
            let blank = try await client.call(
                .post, "/api/v1/canned-replies", as: .manager, app: app, json: #"{"title": " ", "body": ""}"#)
            #expect(blank.status == .badRequest)
            #expect(
                (blank.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["title", "body"])
            let missing = try await client.call(
                .post, "/api/v1/canned-replies", as: .manager, app: app, json: #"{"title": "x"}"#)
            #expect(missing.status == .badRequest)
            let listed = try await client.call(.get, "/api/v1/canned-replies", as: .agent, app: app)
            #expect((listed.body["items"] as? [Any])?.isEmpty == true)
            let created = try await client.call(
                .post, "/api/v1/canned-replies", as: .manager, app: app, json: Self.greeting)
            let id = try #require(created.body["id"] as? String)
            let emptied = try await client.call(
                .patch, "/api/v1/canned-replies/\(id)", as: .manager, app: app, json: #"{"body": " "}"#)
            #expect(emptied.status == .badRequest)
            let kept = try await client.call(.get, "/api/v1/canned-replies/\(id)", as: .agent, app: app)
            #expect((kept.body["body"] as? String)?.isEmpty == false)
            for (method, path) in [
                (HTTPRequest.Method.patch, "/api/v1/canned-replies/\(id)"), (.delete, "/api/v1/canned-replies/\(id)"),
            ] {
                #expect(try await client.call(method, path, as: .agent, app: app, json: "{}").status == .forbidden)
            }
            let noTicket = try await client.call(
                .get, "/api/v1/tickets/\(UUID())/canned-replies/\(id)", as: .agent, app: app)
            #expect(noTicket.status == .notFound)
            let badID = try await client.call(.get, "/api/v1/tickets/\(UUID())/canned-replies/x", as: .agent, app: app)
            #expect(badID.status == .badRequest)
            try await client.expectUnauthorized(
                [
                    (HTTPRequest.Method.get, "/api/v1/canned-replies"), (.post, "/api/v1/canned-replies"),
                    (.get, "/api/v1/canned-replies/\(id)"), (.patch, "/api/v1/canned-replies/\(id)"),
                    (.delete, "/api/v1/canned-replies/\(id)"), (.get, "/api/v1/tickets/\(UUID())/canned-replies/\(id)"),
                ], app: app)
        }
    }
}
