import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Logging
import Testing

@Suite("Follow-ups API")
struct FollowUpAPITests {
    static let plan = #"""
        {"name": "新客户回访", "trigger": {"kind": "customer_created"},
         "steps": [{"offset_days": 0, "channel": "phone", "script": {"zh": "欢迎", "en": "Welcome"}},
                   {"offset_days": 3, "channel": "visit"}]}
        """#

    static func items(_ response: (status: HTTPResponse.Status, body: [String: Any], headers: HTTPFields))
        -> [[String: Any]]
    {
        response.body["items"] as? [[String: Any]] ?? []
    }

    static func drain(_ app: TestApp) async throws {
        let worker = JobWorker(
            queue: JobQueue(app.database), handlers: .kefu(mail: .unconfigured), metrics: .init(),
            logger: Logger(label: "test"))
        _ = try await worker.drain()
    }

    @Test(arguments: Engine.available)
    func managersWritePlansAgentsReadThem(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let created = try await client.call(
                .post, "/api/v1/follow-up-plans", as: .manager, app: app, json: Self.plan)
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/follow-up-plans/\(id)")
            #expect(created.body["active"] as? Bool == true && created.body["team_id"] is NSNull)
            let steps = created.body["steps"] as? [[String: Any]]
            #expect(steps?.map { $0["channel"] as? String } == ["phone", "visit"])
            #expect((steps?.last?["script"] as? [String: Any])?["zh"] as? String == "")
            let listed = try await client.call(.get, "/api/v1/follow-up-plans", as: .agent, app: app)
            #expect(listed.status == .ok && Self.items(listed).map { $0["id"] as? String } == [id])
            #expect(listed.body["next_cursor"] is NSNull)
            let fetched = try await client.call(.get, "/api/v1/follow-up-plans/\(id)", as: .agent, app: app)
            #expect((fetched.body["trigger"] as? [String: Any])?["kind"] as? String == "customer_created")
            let off = try await client.call(
                .patch, "/api/v1/follow-up-plans/\(id)", as: .admin, app: app, json: #"{"active": false}"#)
            #expect(off.status == .ok && off.body["active"] as? Bool == false && off.body["name"] as? String == "新客户回访")
            let active = try await client.call(.get, "/api/v1/follow-up-plans?active=true", as: .agent, app: app)
            #expect(Self.items(active).isEmpty)
            let denied = try await client.call(.post, "/api/v1/follow-up-plans", as: .agent, app: app, json: Self.plan)
            #expect(denied.status == .forbidden)
            let deniedPatch = try await client.call(
                .patch, "/api/v1/follow-up-plans/\(id)", as: .agent, app: app, json: #"{"active": true}"#)
            #expect(deniedPatch.status == .forbidden)
            let anonymous = try await client.call(.get, "/api/v1/follow-up-plans", as: nil, app: app)
            #expect(anonymous.status == .unauthorized)
            let missing = try await client.call(
                .get, "/api/v1/follow-up-plans/00000000-0000-0000-0000-000000000009", as: .agent, app: app)
            #expect(missing.status == .notFound)
        }
    }

    @Test(arguments: Engine.available)
    func badPlansAre400AndWriteNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let bad = try await client.call(
                .post, "/api/v1/follow-up-plans", as: .manager, app: app,
                json: #"""
                    {"name": "", "trigger": {"kind": "periodic", "tier": "platinum"},
                     "steps": [{"offset_days": -1, "channel": "phone"}]}
                    """#)
            #expect(bad.status == .badRequest)
            let fields = (bad.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["name", "trigger.tier", "trigger.every_days", "steps[0].offset_days"])
            let unknownTeam = try await client.call(
                .post, "/api/v1/follow-up-plans", as: .manager, app: app,
                json:
                    #"{"name": "x", "trigger": {"kind": "purchase"}, "steps": [{"offset_days": 0, "channel": "phone"}], "team_id": "00000000-0000-0000-0000-000000000009"}"#
            )
            #expect(unknownTeam.status == .badRequest)
            let listed = try await client.call(.get, "/api/v1/follow-up-plans", as: .agent, app: app)
            #expect(Self.items(listed).isEmpty)
            let created = try await client.call(
                .post, "/api/v1/follow-up-plans", as: .manager, app: app, json: Self.plan)
            let id = try #require(created.body["id"] as? String)
            let badPatch = try await client.call(
                .patch, "/api/v1/follow-up-plans/\(id)", as: .manager, app: app, json: #"{"steps": []}"#)
            #expect(badPatch.status == .badRequest)
            let kept = try await client.call(.get, "/api/v1/follow-up-plans/\(id)", as: .agent, app: app)
            #expect((kept.body["steps"] as? [Any])?.count == 2)
        }
    }

    @Test(arguments: Engine.available)
    func agentsWorkTheirOwnFollowUps(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await client.call(.post, "/api/v1/follow-up-plans", as: .manager, app: app, json: Self.plan)
            let customer = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "王小明"}"#)
            let customerID = try #require(customer.body["id"] as? String)
            // The agent logs a ticket for the customer: they own it, so they are assigned the follow-ups.
            _ = try await client.call(
                .post, "/api/v1/tickets", as: .agent, app: app,
                json: #"{"customer_id": "\#(customerID)", "type": "inquiry", "channel": "phone", "subject": "问价"}"#)
            try await Self.drain(app)
            let listed = try await client.call(
                .get, "/api/v1/follow-ups?customer_id=\(customerID)", as: .agent, app: app)
            #expect(listed.status == .ok)
            let tasks = Self.items(listed)
            #expect(tasks.map { $0["step"] as? Int } == [0, 1])
            #expect(
                tasks.allSatisfy {
                    $0["status"] as? String == "due" && $0["outcome"] is NSNull && $0["ticket_id"] is NSNull
                })
            #expect(tasks.first?["customer_name"] as? String == "王小明")
            let agentID = try #require(tasks.first?["assignee_id"] as? String)
            let mine = try await client.call(
                .get, "/api/v1/follow-ups?assignee_id=\(agentID)&status=due&limit=1", as: .agent, app: app)
            #expect(Self.items(mine).count == 1)
            let cursor = try #require(mine.body["next_cursor"] as? String)
            let next = try await client.call(
                .get, "/api/v1/follow-ups?assignee_id=\(agentID)&status=due&limit=1&cursor=\(cursor)", as: .agent,
                app: app)
            #expect(Self.items(next).map { $0["id"] as? String } == [tasks[1]["id"] as? String])
            let due = tasks[1]["due_on"] as? String ?? ""
            let before = try await client.call(.get, "/api/v1/follow-ups?due_before=\(due)", as: .agent, app: app)
            #expect(Self.items(before).map { $0["id"] as? String } == [tasks[0]["id"] as? String])
            let badQuery = try await client.call(.get, "/api/v1/follow-ups?due_before=tomorrow", as: .agent, app: app)
            #expect(badQuery.status == .badRequest)

            let first = try #require(tasks[0]["id"] as? String)
            let bad = try await client.call(
                .patch, "/api/v1/follow-ups/\(first)", as: .agent, app: app,
                json: #"{"status": "unreachable", "outcome": "issue_found"}"#)
            #expect(bad.status == .badRequest)
            let unchanged = try await client.call(
                .get, "/api/v1/follow-ups?customer_id=\(customerID)", as: .agent, app: app)
            #expect(Self.items(unchanged).first?["status"] as? String == "due")
            let found = try await client.call(
                .patch, "/api/v1/follow-ups/\(first)", as: .agent, app: app,
                json: #"{"outcome": "issue_found", "note": "热水器漏水"}"#)
            #expect(found.status == .ok && found.body["status"] as? String == "done")
            let ticketID = try #require(found.body["ticket_id"] as? String)
            let ticket = try await client.call(.get, "/api/v1/tickets/\(ticketID)", as: .agent, app: app)
            #expect(ticket.body["type"] as? String == "request" && ticket.body["channel"] as? String == "phone")
            // Another customer's follow-ups go to the manager who owns their ticket: the agent may not touch them.
            let managerID = try #require(
                try await UserRepository(app.database).list(limit: 10, cursor: nil).items.first { $0.role == .manager }?
                    .id)
            let other = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "李华"}"#)
            let otherID = try #require(other.body["id"] as? String)
            let owned = try await client.call(
                .post, "/api/v1/tickets", as: .manager, app: app,
                json: #"""
                    {"customer_id": "\#(otherID)", "type": "inquiry", "channel": "phone", "subject": "问价",
                     "owner_id": "\#(managerID.uuidString)"}
                    """#)
            #expect(owned.status == .created)
            try await Self.drain(app)
            let theirs = Self.items(
                try await client.call(.get, "/api/v1/follow-ups?customer_id=\(otherID)", as: .agent, app: app))
            #expect(theirs.first?["assignee_id"] as? String == managerID.uuidString)
            let second = try #require(theirs.first?["id"] as? String)
            let denied = try await client.call(
                .patch, "/api/v1/follow-ups/\(second)", as: .agent, app: app, json: #"{"status": "cancelled"}"#)
            #expect(denied.status == .forbidden)
            let cancelled = try await client.call(
                .patch, "/api/v1/follow-ups/\(second)", as: .manager, app: app, json: #"{"status": "cancelled"}"#)
            #expect(cancelled.status == .ok && cancelled.body["status"] as? String == "cancelled")
            let reopen = try await client.call(
                .patch, "/api/v1/follow-ups/\(second)", as: .admin, app: app, json: #"{"status": "due"}"#)
            #expect(reopen.status == .badRequest)
            let anonymous = try await client.call(.patch, "/api/v1/follow-ups/\(second)", as: nil, app: app, json: "{}")
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test(arguments: Engine.available)
    func settingsCarryTheEscalationGrace(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let read = try await client.call(.get, "/api/v1/settings", as: .agent, app: app)
            #expect((read.body["follow_ups"] as? [String: Any])?["escalate_after_days"] as? Int == 1)
            let changed = try await client.call(
                .patch, "/api/v1/settings", as: .admin, app: app, json: #"{"follow_ups": {"escalate_after_days": 3}}"#)
            #expect((changed.body["follow_ups"] as? [String: Any])?["escalate_after_days"] as? Int == 3)
            let bad = try await client.call(
                .patch, "/api/v1/settings", as: .admin, app: app, json: #"{"follow_ups": {"escalate_after_days": -1}}"#)
            #expect(bad.status == .badRequest)
        }
    }
}
