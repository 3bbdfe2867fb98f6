import Foundation
import HummingbirdTesting
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@testable import KefuServer

/// The counter console `/queue`: picking a counter, calling and serving through its forms, refusals that write
/// nothing, and its live stream.
@Suite("Queue counter console")
struct QueueConsolePageTests {
    /// An agent's session with the branch's counter picked through the console's form.
    static func agentAtCounter(
        _ client: some TestClientProtocol, _ branch: QueueAPITests.Branch, language: String? = nil
    ) async throws -> WebSessionCookies {
        var session = try await client.webLogin(.agent, language: language)
        let chosen = try await client.submit("/queue/counter", [("counter_id", branch.counter)], session: session)
        #expect(chosen.status == .seeOther && chosen.location == "/queue")
        let cookie = chosen.cookieValue(QueueConsolePage.counterCookie)
        #expect(cookie != nil)
        session.cookies[QueueConsolePage.counterCookie] = cookie
        return session
    }

    static func ticket(_ app: TestApp, _ id: Any?) async throws -> QueueTicket {
        let id = try #require(UUID(uuidString: id as? String ?? ""))
        return try await QueueTicketRepository(app.database).get(id, now: Date()).ticket
    }

    @Test(arguments: Engine.available)
    func theConsoleNeedsALoginAndItsFormsTheSessionsToken(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await QueueAPITests.branch(client, app)
            for path in ["/queue", "/queue/branches/\(branch.id)/events"] {
                let page = try await client.page(path)
                #expect(page.status == .seeOther && page.location == "/login", "\(path)")
            }
            let session = try await Self.agentAtCounter(client, branch)
            let forged = try await client.submit(
                "/queue/counters/\(branch.counter)/call-next", [], session: session, csrf: "forged")
            #expect(forged.status == .forbidden)
            let malformed = try await client.page("/queue/branches/not-an-id/events", session: session)
            #expect(malformed.status == .badRequest)
            let unknown = try await client.submit(
                "/queue/counter", [("counter_id", UUID().uuidString)], session: session)
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("No such counter at this branch."))
            #expect(unknown.setCookies[QueueConsolePage.counterCookie] == nil)
        }
    }

    @Test(arguments: Engine.available)
    func anAgentIssuesCallsServesAndFinishesInPolicyOrder(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await QueueAPITests.branch(client, app)
            let first = try await QueueAPITests.issue(client, app, branch.deposits)
            let session = try await Self.agentAtCounter(client, branch, language: "zh-Hans")
            let picker = try await client.page("/queue", session: session)
            #expect(picker.status == .ok && picker.body.contains("1号窗口") && picker.body.contains("静安支行"))
            #expect(picker.body.contains(#"data-live-source="/queue/branches/\#(branch.id)/events""#))
            #expect(picker.body.contains(#"href="/queue" aria-current="page""#))

            let issued = try await client.submit(
                "/queue/counters/\(branch.counter)/issue", [("service_id", branch.deposits), ("class", "express")],
                session: session)
            #expect(issued.status == .seeOther && issued.location == "/queue?flash=queue_issued")
            let line = try await client.page("/queue", session: session)
            let express = try #require(line.body.range(of: "<td>A002</td>"))
            let normal = try #require(line.body.range(of: "<td>A001</td>"))
            #expect(express.lowerBound < normal.lowerBound)

            let called = try await client.submit(
                "/queue/counters/\(branch.counter)/call-next", [], session: session)
            #expect(called.location == "/queue?flash=queue_called")
            let serving = try await client.page("/queue", session: session)
            #expect(serving.body.contains(#"id="queue-current-number">A002</p>"#) && serving.body.contains("已叫号"))
            // Before the branch's two recalls the no-show button is disabled.
            #expect(serving.body.contains("no-show\" class=\"inline\">"))
            #expect(serving.body.contains("disabled>过号</button>"))
            let counterID = try #require(UUID(uuidString: branch.counter))
            let current = try #require(
                try await QueueTicketRepository(app.database).line(counterID: counterID, now: Date()).current)
            for action in ["recall", "recall"] {
                let done = try await client.submit(
                    "/queue/tickets/\(current.id.uuidString)/\(action)", [], session: session)
                #expect(done.status == .seeOther)
            }
            #expect(!(try await client.page("/queue", session: session)).body.contains("disabled>过号</button>"))
            _ = try await client.submit("/queue/tickets/\(current.id.uuidString)/start", [], session: session)
            let finished = try await client.submit(
                "/queue/tickets/\(current.id.uuidString)/finish", [("outcome", "开户完成")], session: session)
            #expect(finished.status == .seeOther)
            let stored = try await Self.ticket(app, current.id.uuidString)
            #expect(stored.status == .finished && stored.outcome == "开户完成" && stored.recalls == 2)

            let specific = try await client.submit(
                "/queue/counters/\(branch.counter)/call",
                [("ticket_id", first["id"] as? String ?? ""), ("reason", "老人优先")], session: session)
            #expect(specific.status == .seeOther)
            #expect(try await Self.ticket(app, first["id"]).callReason == "老人优先")
            let arrival = try await Self.ticket(app, first["id"]).arrivedAt
            _ = try await client.submit(
                "/queue/tickets/\(first["id"] as? String ?? "")/park", [], session: session)
            let parked = try await client.page("/queue", session: session)
            #expect(parked.body.contains("暂挂后回呼") && parked.body.contains("重新排队"))
            let back = try await client.submit(
                "/queue/tickets/\(first["id"] as? String ?? "")/transfer",
                [("to", "service:" + branch.deposits), ("keep_arrival", "1")], session: session)
            #expect(back.status == .seeOther)
            let rejoined = try await Self.ticket(app, first["id"])
            #expect(rejoined.status == .waiting && rejoined.arrivedAt == arrival)

            let closed = try await client.submit(
                "/queue/counters/\(branch.counter)/open", [("open", "0")], session: session)
            #expect(closed.location == "/queue?flash=queue_closed")
            let counter = try await QueueSetupRepository(app.database).counter(
                try #require(UUID(uuidString: branch.counter)))
            #expect(!counter.open && counter.agentID == nil)
            let audit = try await client.call(
                .get, "/api/v1/audit?entity_type=queue_ticket", as: .admin, app: app)
            let actions = Set(
                (audit.body["items"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String })
            #expect(actions.isSuperset(of: ["queue.ticket.issue", "queue.ticket.recall", "queue.ticket.finish"]))
        }
    }

    @Test(arguments: Engine.available)
    func refusedFormsSayWhyAndWriteNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await QueueAPITests.branch(client, app)
            let waiting = try await QueueAPITests.issue(client, app, branch.deposits)
            let id = waiting["id"] as? String ?? ""
            let session = try await Self.agentAtCounter(client, branch)

            let noReason = try await client.submit(
                "/queue/counters/\(branch.counter)/call", [("ticket_id", id), ("reason", " ")], session: session)
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.body.contains("Say why this ticket is called out of turn."))
            let badPhone = try await client.submit(
                "/queue/counters/\(branch.counter)/issue", [("service_id", branch.deposits), ("phone", "12")],
                session: session)
            #expect(badPhone.status == .unprocessableContent && badPhone.body.contains("is not a valid phone number"))
            let badClass = try await client.submit(
                "/queue/counters/\(branch.counter)/issue", [("service_id", branch.deposits), ("class", "royal")],
                session: session)
            #expect(badClass.status == .unprocessableContent)
            let noTarget = try await client.submit("/queue/tickets/\(id)/transfer", [("to", "")], session: session)
            #expect(noTarget.status == .unprocessableContent && noTarget.body.contains("Choose the service or counter"))
            let early = try await client.submit("/queue/tickets/\(id)/finish", [("outcome", "x")], session: session)
            #expect(early.status == .conflict && early.body.contains("changed meanwhile"))
            let unknownAction = try await client.submit("/queue/tickets/\(id)/explode", [], session: session)
            #expect(unknownAction.status == .notFound)

            let stored = try await Self.ticket(app, id)
            #expect(stored.status == .waiting && stored.callReason == nil && stored.outcome == nil)
            let all = try await QueueTicketRepository(app.database).list(
                branchID: nil, status: nil, limit: 10, cursor: nil)
            #expect(all.items.count == 1)

            _ = try await client.submit("/queue/counters/\(branch.counter)/call-next", [], session: session)
            let noShow = try await client.submit("/queue/tickets/\(id)/no-show", [], session: session)
            #expect(noShow.status == .conflict && noShow.body.contains("before marking it a no-show"))
            #expect(try await Self.ticket(app, id).status == .called)

            _ = try await client.submit("/queue/counters/\(branch.counter)/open", [("open", "0")], session: session)
            let closed = try await client.submit("/queue/counters/\(branch.counter)/call-next", [], session: session)
            #expect(closed.status == .conflict && closed.body.contains("The counter is closed"))
            let nobody = try await client.submit(
                "/queue/counters/\(branch.counter)/open", [("open", "1")], session: session)
            #expect(nobody.status == .seeOther)
            let none = try await client.submit("/queue/counters/\(branch.counter)/call-next", [], session: session)
            #expect(none.location == "/queue?flash=queue_nobody")
        }
    }

    @Test(arguments: Engine.available)
    func aCallAtAnotherCounterReachesTheConsolesStream(engine: Engine) async throws {
        try await TestApp.run(engine, framework: .live) { app, client in
            let branch = try await QueueAPITests.branch(client, app)
            _ = try await QueueAPITests.issue(client, app, branch.deposits)
            let session = try await Self.agentAtCounter(client, branch)
            let port = try #require(client.port)
            let events = try await within("the call's event") {
                try await StreamingRequest.get(
                    port: port, "/queue/branches/\(branch.id)/events", cookie: session.header
                ) { stream in
                    _ = try await stream.read(until: "retry: ")
                    _ = try await client.call(
                        .post, "/api/v1/queue/counters/\(branch.counter)/call-next", as: .agent, app: app)
                    return try await stream.read(until: "event: changed\n")
                }
            }
            #expect(events.contains("event: changed"))
        }
    }
}
