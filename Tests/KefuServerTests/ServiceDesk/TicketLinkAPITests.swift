import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

/// Merge, split and links over HTTP. Every route is open to any staff role, so there is no 403 to test.
@Suite("Tickets API: merge, split, links")
struct TicketLinkAPITests {
    /// A ticket of `customer` with one public reply; returns the ticket's and the message's ids.
    static func answered(
        _ client: some TestClientProtocol, _ app: TestApp, customer: String, body: String
    ) async throws -> (ticket: String, message: String) {
        let ticket = try await TicketAPITests.ticket(client, app, customer: customer)
        let reply = try await client.call(
            .post, "/api/v1/tickets/\(ticket)/messages", as: .agent, app: app, json: #"{"body": "\#(body)"}"#)
        return (ticket, try #require(reply.body["id"] as? String))
    }

    static func messageBodies(
        _ client: some TestClientProtocol, _ app: TestApp, _ ticket: String
    ) async throws -> [String] {
        let list = try await client.call(.get, "/api/v1/tickets/\(ticket)/messages", as: .agent, app: app)
        return (list.body["items"] as? [[String: Any]])?.compactMap { $0["body"] as? String } ?? []
    }

    @Test(arguments: Engine.available)
    func mergeKeepsBothConversationsOnTheSurvivor(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let source = try await Self.answered(client, app, customer: customer, body: "第一次来电")
            let survivor = try await Self.answered(client, app, customer: customer, body: "第二次来电")
            let merged = try await client.call(
                .post, "/api/v1/tickets/\(source.ticket)/merge", as: .agent, app: app,
                json: #"{"into": "\#(survivor.ticket)"}"#)
            #expect(merged.status == .ok)
            #expect(merged.body["id"] as? String == survivor.ticket && merged.body["merged_into"] is NSNull)
            let links = try #require(merged.body["links"] as? [[String: Any]])
            #expect(links.map { $0["id"] as? String } == [source.ticket])
            #expect(
                links.first?["kind"] as? String == "duplicate_of" && links.first?["direction"] as? String == "incoming")
            #expect(try await Self.messageBodies(client, app, survivor.ticket) == ["第一次来电", "第二次来电"])
            let closed = try await client.call(.get, "/api/v1/tickets/\(source.ticket)", as: .agent, app: app)
            #expect(
                closed.body["status"] as? String == "closed" && closed.body["merged_into"] as? String == survivor.ticket
            )
            let kinds = try await TicketAPITests.timelineKinds(client, app, customer: customer)
            #expect(kinds.contains("ticket.merged"))
            let again = try await client.call(
                .post, "/api/v1/tickets/\(source.ticket)/merge", as: .agent, app: app,
                json: #"{"into": "\#(survivor.ticket)"}"#)
            #expect(again.status == .conflict)
            let intoMerged = try await client.call(
                .post, "/api/v1/tickets/\(survivor.ticket)/merge", as: .agent, app: app,
                json: #"{"into": "\#(source.ticket)"}"#)
            #expect(intoMerged.status == .conflict)
            #expect(intoMerged.body["type"] as? String == "https://kefu.dev/problems/merge-target-closed")
        }
    }

    @Test(arguments: Engine.available)
    func badMergesAre4xxAndWriteNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let source = try await Self.answered(client, app, customer: customer, body: "原话")
            let path = "/api/v1/tickets/\(source.ticket)/merge"
            for body in ["{}", #"{"into": "nope"}"#] {
                #expect(try await client.call(.post, path, as: .agent, app: app, json: body).status == .badRequest)
            }
            let unknown = try await client.call(.post, path, as: .agent, app: app, json: #"{"into": "\#(UUID())"}"#)
            #expect(unknown.status == .badRequest)
            #expect((unknown.body["errors"] as? [[String: Any]])?.first?["field"] as? String == "into")
            let itself = try await client.call(
                .post, path, as: .agent, app: app, json: #"{"into": "\#(source.ticket)"}"#)
            #expect(itself.status == .conflict)
            #expect(itself.body["type"] as? String == "https://kefu.dev/problems/merge-into-itself")
            let stranger = try #require(
                try await client.call(.post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "李四"}"#)
                    .body["id"] as? String)
            let other = try await TicketAPITests.ticket(client, app, customer: stranger)
            let across = try await client.call(.post, path, as: .agent, app: app, json: #"{"into": "\#(other)"}"#)
            #expect(across.status == .conflict)
            #expect(across.body["type"] as? String == "https://kefu.dev/problems/different-customers")
            let missing = try await client.call(
                .post, "/api/v1/tickets/\(UUID())/merge", as: .agent, app: app, json: #"{"into": "\#(other)"}"#)
            #expect(missing.status == .notFound)
            let unchanged = try await client.call(.get, "/api/v1/tickets/\(source.ticket)", as: .agent, app: app)
            #expect(unchanged.body["status"] as? String == "open" && unchanged.body["merged_into"] is NSNull)
            #expect(try await Self.messageBodies(client, app, source.ticket) == ["原话"])
        }
    }

    @Test(arguments: Engine.available)
    func splitMovesOneMessageToANewTicket(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let first = try await Self.answered(client, app, customer: customer, body: "发票开错了")
            let second = try await client.call(
                .post, "/api/v1/tickets/\(first.ticket)/messages", as: .agent, app: app,
                json: #"{"body": "另外，空调也坏了"}"#)
            let moved = try #require(second.body["id"] as? String)
            let split = try await client.call(
                .post, "/api/v1/tickets/\(first.ticket)/split", as: .agent, app: app,
                json: #"{"message_id": "\#(moved)", "subject": "空调坏了"}"#)
            #expect(split.status == .created)
            let id = try #require(split.body["id"] as? String)
            #expect(split.headers[.location] == "/api/v1/tickets/\(id)")
            #expect(split.body["subject"] as? String == "空调坏了" && split.body["customer_id"] as? String == customer)
            #expect(split.body["channel"] as? String == "chat" && split.body["status"] as? String == "new")
            #expect((split.body["links"] as? [[String: Any]])?.first?["id"] as? String == first.ticket)
            #expect(try await Self.messageBodies(client, app, id) == ["另外，空调也坏了"])
            #expect(try await Self.messageBodies(client, app, first.ticket) == ["发票开错了"])
            let links = try await client.call(.get, "/api/v1/tickets/\(first.ticket)/links", as: .agent, app: app)
            let items = try #require(links.body["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == [id] && items.first?["kind"] as? String == "related")
        }
    }

    @Test(arguments: Engine.available)
    func badSplitsAre4xxAndWriteNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let first = try await Self.answered(client, app, customer: customer, body: "一")
            let second = try await Self.answered(client, app, customer: customer, body: "二")
            let path = "/api/v1/tickets/\(first.ticket)/split"
            let cases: [(String, String?)] = [
                ("{}", "message_id"), (#"{"message_id": "\#(second.message)"}"#, "message_id"),
                (#"{"message_id": "\#(first.message)", "subject": " "}"#, "subject"),
            ]
            for (body, field) in cases {
                let refused = try await client.call(.post, path, as: .agent, app: app, json: body)
                #expect(refused.status == .badRequest, "\(body)")
                #expect((refused.body["errors"] as? [[String: Any]])?.first?["field"] as? String == field, "\(body)")
            }
            let list = try await client.call(.get, "/api/v1/tickets", as: .agent, app: app)
            #expect((list.body["items"] as? [Any])?.count == 2)
            #expect(try await Self.messageBodies(client, app, first.ticket) == ["一"])
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(first.ticket)", as: .agent, app: app, json: #"{"status": "closed"}"#)
            let closed = try await client.call(
                .post, path, as: .agent, app: app, json: #"{"message_id": "\#(first.message)"}"#)
            #expect(closed.status == .conflict)
        }
    }

    @Test(arguments: Engine.available)
    func linksAreAddedListedAndRemoved(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let one = try await TicketAPITests.ticket(client, app, customer: customer)
            let two = try await TicketAPITests.ticket(client, app, customer: customer)
            let path = "/api/v1/tickets/\(one)/links"
            let made = try await client.call(
                .post, path, as: .agent, app: app, json: #"{"ticket_id": "\#(two)", "kind": "duplicate_of"}"#)
            #expect(made.status == .created)
            #expect(made.body["id"] as? String == two && made.body["ticket_id"] as? String == two)
            #expect(made.body["number"] as? String == "T-000002" && made.body["direction"] as? String == "outgoing")
            let fromOther = try await client.call(.get, "/api/v1/tickets/\(two)", as: .agent, app: app)
            let listed = try #require((fromOther.body["links"] as? [[String: Any]])?.first)
            #expect(listed["id"] as? String == one && listed["direction"] as? String == "incoming")
            let twice = try await client.call(
                .post, "/api/v1/tickets/\(two)/links", as: .agent, app: app,
                json: #"{"ticket_id": "\#(one)", "kind": "related"}"#)
            #expect(twice.status == .conflict)
            let bad: [(String, String?)] = [
                (#"{"ticket_id": "\#(two)", "kind": "sibling"}"#, "kind"),
                (#"{"ticket_id": "\#(UUID())", "kind": "related"}"#, "ticket_id"),
                (#"{"ticket_id": "\#(one)", "kind": "related"}"#, "ticket_id"),
            ]
            for (body, field) in bad {
                let refused = try await client.call(.post, path, as: .agent, app: app, json: body)
                #expect(refused.status == .badRequest, "\(body)")
                #expect((refused.body["errors"] as? [[String: Any]])?.first?["field"] as? String == field, "\(body)")
            }
            let listing = try await client.call(.get, path, as: .agent, app: app)
            #expect((listing.body["items"] as? [Any])?.count == 1 && listing.body["next_cursor"] is NSNull)
            let removed = try await client.call(.delete, "\(path)/\(two)", as: .agent, app: app)
            #expect(removed.status == .noContent)
            #expect(try await client.call(.delete, "\(path)/\(two)", as: .agent, app: app).status == .notFound)
            #expect(try await client.call(.delete, "\(path)/nope", as: .agent, app: app).status == .badRequest)
            let empty = try await client.call(.get, path, as: .agent, app: app)
            #expect((empty.body["items"] as? [Any])?.isEmpty == true)
            #expect(
                try await client.call(.get, "/api/v1/tickets/\(UUID())/links", as: .agent, app: app).status == .notFound
            )
            try await client.expectUnauthorized(
                [
                    (HTTPRequest.Method.post, "/api/v1/tickets/\(one)/merge"), (.post, "/api/v1/tickets/\(one)/split"),
                    (.get, path), (.post, path), (.delete, "\(path)/\(two)"),
                ], app: app)
        }
    }

    @Test(arguments: Engine.available)
    func theTicketPageListsLinksFromBothEnds(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let source = try await TicketAPITests.ticket(client, app, customer: customer)
            let made = try await client.call(
                .post, "/api/v1/tickets", as: .agent, app: app,
                json: #"{"customer_id": "\#(customer)", "type": "inquiry", "channel": "web", "subject": "<i>发票</i>"}"#)
            let survivor = try #require(made.body["id"] as? String)
            _ = try await client.call(
                .post, "/api/v1/tickets/\(source)/merge", as: .agent, app: app, json: #"{"into": "\#(survivor)"}"#)
            let agent = try await client.webLogin(.agent)
            let merged = try await client.page("/tickets/\(source)", session: agent)
            #expect(merged.status == .ok)
            #expect(merged.body.contains(#"Duplicate of <a href="/tickets/\#(survivor)">T-000002</a>"#))
            #expect(merged.body.contains("&lt;i&gt;发票&lt;/i&gt;") && !merged.body.contains("<i>发票"))
            let kept = try await client.page("/tickets/\(survivor)", session: agent, language: "zh-CN")
            #expect(kept.body.contains(#"重复本单的是 <a href="/tickets/\#(source)">T-000001</a>"#))
            let alone = try await client.page(
                "/tickets/\(try await TicketAPITests.ticket(client, app, customer: customer))", session: agent)
            #expect(alone.body.contains("No linked tickets."))
        }
    }
}
