import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

/// The status page's live updates, `GET /support/t/{token}/events`, over a real connection.
@Suite("Support status live updates")
struct SupportStatusLiveTests {
    /// The stream opens with its headers and `retry:`; an internal note sends nothing (the sentinel published after
    /// it comes first) and a staff member's public reply sends `changed` with no data, so no text can leak.
    @Test(arguments: Engine.available)
    func aPublicReplyReachesTheOpenStreamAndAnInternalNoteDoesNot(engine: Engine) async throws {
        try await TestApp.run(engine, framework: .live) { app, client in
            let (path, id) = try await PublicTicketAPITests.file(client, app)
            let port = try #require(client.port)
            let topic = TicketRepository.liveTopic(try #require(UUID(uuidString: id)))
            let (head, events) = try await within("the reply's event") {
                try await StreamingRequest.get(port: port, path + "/events") { stream in
                    let head = try await stream.read(until: "retry: ")
                    _ = try await client.call(
                        .post, "/api/v1/tickets/\(id)/messages", as: .agent, app: app,
                        json: #"{"body": "客户很急，内部备注", "internal": true}"#)
                    await app.database.live.publish(topic, kind: "sentinel")
                    _ = try await client.call(
                        .post, "/api/v1/tickets/\(id)/messages", as: .agent, app: app,
                        json: #"{"body": "发票明天寄出", "internal": false}"#)
                    return (head, try await stream.read(until: "event: changed\ndata: {}\n\n"))
                }
            }
            #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n"))
            let headers = head.lowercased()
            #expect(headers.contains("content-type: text/event-stream"))
            #expect(headers.contains("cache-control: no-store") && headers.contains("referrer-policy: no-referrer"))
            let sentinel = try #require(events.range(of: "event: sentinel"))
            let changed = try #require(events.range(of: "event: changed"))
            #expect(sentinel.upperBound < changed.lowerBound)
            #expect(!events.contains("内部备注") && !events.contains("发票明天寄出"))
        }
    }

    /// A token that opens nothing gets the page's 404, not a stream.
    @Test(arguments: Engine.available)
    func aForgedTokenIsNotFound(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (path, _) = try await PublicTicketAPITests.file(client, app)
            let forged = path.dropLast(2) + (path.hasSuffix("AA") ? "BB" : "AA")
            for uri in [forged + "/events", "/support/t/not-a-token/events"] {
                let page = try await client.page(uri)
                #expect(page.status == .notFound, "\(uri)")
                #expect(page.headers[.contentType]?.hasPrefix("text/event-stream") != true)
            }
        }
    }

    /// Every event is one frame: `event:` then `data:` as one line of JSON.
    @Test func framesAreOneEventEach() {
        let frame = ServerSentEvents.frame(.init(topic: "queue:branch:1", data: ["note": "a\nb", "n": "7"]))
        #expect(frame == "event: changed\ndata: {\"n\":\"7\",\"note\":\"a\\nb\"}\n\n")
    }
}
