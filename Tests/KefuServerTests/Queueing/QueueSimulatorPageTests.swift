import Foundation
import HummingbirdTesting
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@testable import KefuServer

/// The simulator page `/queue/simulator`: managers replay a branch's recorded tickets through each policy.
@Suite("Queue simulator page")
struct QueueSimulatorPageTests {
    @Test(arguments: Engine.available)
    func managersReplayTheRecordedTicketsThroughEachPolicy(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await QueueAPITests.branch(client, app)
            _ = try await QueueAPITests.issue(client, app, branch.deposits)
            let express = try await QueueAPITests.issue(client, app, branch.deposits, extra: #", "class": "express""#)
            _ = try await QueueAPITests.issue(client, app, branch.vipDesk, extra: #", "class": "vip""#)
            // The express ticket is called first and served: its service time is the one recorded.
            _ = try await client.call(.post, "/api/v1/queue/counters/\(branch.counter)/call-next", as: .agent, app: app)
            let finished = try await client.call(
                .post, "/api/v1/queue/tickets/\(express["id"] as? String ?? "")/finish", as: .agent, app: app)
            #expect(finished.status == .ok)

            let loggedOut = try await client.page("/queue/simulator")
            #expect(loggedOut.status == .seeOther && loggedOut.location == "/login")
            let agent = try await client.webLogin(.agent)
            #expect(try await client.page("/queue/simulator", session: agent).status == .forbidden)
            #expect(!(try await client.page("/queue", session: agent)).body.contains(#"href="/queue/simulator""#))

            let manager = try await client.webLogin(.manager)
            let page = try await client.page("/queue/simulator?branch=\(branch.id)", session: manager)
            #expect(page.status == .ok && page.body.contains(#"href="/queue/simulator" aria-current="page""#))
            #expect(!page.body.contains(#"href="/queue" aria-current"#), "only the page's own menu item is current")
            #expect(page.body.contains("3 tickets on 1 days, 1 counters."))
            for policy in ["First come, first served", "Priority", "Priority with aging"] {
                #expect(page.body.contains("<th>\(policy)</th>"), "\(policy)")
            }
            #expect(page.body.contains("<svg class=\"chart\"") && page.body.contains("express"))
            #expect(page.body.contains(#"name="aging_minutes" value="10""#))
            let more = try await client.page(
                "/queue/simulator?branch=\(branch.id)&counters=3&aging_minutes=5", session: manager)
            #expect(more.status == .ok && more.body.contains("3 tickets on 1 days, 3 counters."))
            let zh = try await client.webLogin(.manager, language: "zh-Hans")
            #expect(try await client.page("/queue/simulator", session: zh).body.contains("1 天共 3 个号码，1 个窗口。"))
        }
    }

    @Test(arguments: Engine.available)
    func malformedFieldsSayWhich(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await QueueAPITests.branch(client, app)
            let manager = try await client.webLogin(.manager)
            let zero = try await client.page("/queue/simulator?branch=\(branch.id)&counters=0", session: manager)
            #expect(zero.status == .unprocessableContent && zero.body.contains("outside the allowed range"))
            let date = try await client.page("/queue/simulator?from=2026-13-01", session: manager)
            #expect(date.status == .unprocessableContent && date.body.contains("Write the date as YYYY-MM-DD."))
            let order = try await client.page("/queue/simulator?from=2026-05-02&to=2026-05-01", session: manager)
            #expect(order.status == .unprocessableContent && order.body.contains("before its start"))
            let aging = try await client.page("/queue/simulator?aging_minutes=-1", session: manager)
            #expect(aging.status == .unprocessableContent && !aging.body.contains("sim-replay"))
            let unknown = try await client.page("/queue/simulator?branch=\(UUID().uuidString)", session: manager)
            #expect(unknown.status == .notFound)
        }
    }
}
