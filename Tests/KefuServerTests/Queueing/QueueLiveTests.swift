import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

/// A queue ticket's status page follows its branch's live updates, `GET /q/{token}/events`, over a real connection.
@Suite("Queue status live updates")
struct QueueLiveTests {
    @Test(arguments: Engine.available)
    func aCallReachesTheOpenStatusStream(engine: Engine) async throws {
        try await TestApp.run(engine, framework: .live) { app, client in
            let branch = try await QueueAPITests.branch(client, app)
            let ticket = try await QueueAPITests.issue(client, app, branch.deposits)
            let url = try #require(ticket["status_url"] as? String)
            let port = try #require(client.port)
            let page = try await client.page(url)
            #expect(page.body.contains(#"data-live-source="\#(url)/events""#))
            let (head, events) = try await within("the call's event") {
                try await StreamingRequest.get(port: port, url + "/events") { stream in
                    let head = try await stream.read(until: "retry: ")
                    _ = try await client.call(
                        .post, "/api/v1/queue/counters/\(branch.counter)/call-next", as: .agent, app: app)
                    return (head, try await stream.read(until: "event: changed\n"))
                }
            }
            #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n") && head.lowercased().contains("text/event-stream"))
            #expect(events.contains("event: changed"))
            let forged = try await client.page("/q/" + String(repeating: "A", count: 43) + "/events")
            #expect(forged.status == .notFound)
        }
    }
}
