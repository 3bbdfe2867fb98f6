import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Automatic CSAT")
struct SurveyAutoCSATTests {
    static func invitations(_ client: some TestClientProtocol, _ app: TestApp, _ query: String) async throws
        -> [[String: Any]]
    {
        try await client.call(.get, "/api/v1/survey-invitations?\(query)", as: .agent, app: app).body["items"]
            as? [[String: Any]] ?? []
    }

    /// The test's API tokens live an hour: delays are set in minutes.
    static func delay(_ client: some TestClientProtocol, _ app: TestApp, minutes: Int) async throws {
        let patched = try await client.call(
            .patch, "/api/v1/settings", as: .admin, app: app, json: #"{"surveys": {"csat_delay_minutes": \#(minutes)}}"#
        )
        #expect(patched.status == .ok)
    }

    @Test(arguments: Engine.available)
    func aResolvedTicketIsAskedOnceAfterTheDelay(engine: Engine) async throws {
        let time = TestClock(Date(timeIntervalSince1970: 1_893_456_000))
        try await TestApp.run(engine, clock: time.clock) { app, client in
            try await Self.delay(client, app, minutes: 10)
            let survey = try await SurveyAPITests.survey(client, app, #"{"kind": "csat", "title": "满意度"}"#)
            let customer = try await TicketAPITests.customer(client, app)
            let made = try await client.call(
                .post, "/api/v1/tickets", as: .agent, app: app,
                json: #"{"customer_id": "\#(customer)", "type": "request", "channel": "phone", "subject": "修空调"}"#)
            let ticket = try #require(made.body["id"] as? String)
            let resolved = try await client.call(
                .patch, "/api/v1/tickets/\(ticket)", as: .agent, app: app, json: #"{"status": "resolved"}"#)
            #expect(resolved.status == .ok)
            try await FollowUpAPITests.drain(app)
            #expect(try await Self.invitations(client, app, "ticket_id=\(ticket)").isEmpty)

            time.advance(by: 11 * 60)
            try await FollowUpAPITests.drain(app)
            let asked = try await Self.invitations(client, app, "ticket_id=\(ticket)")
            #expect(asked.count == 1 && asked.first?["survey_id"] as? String == survey)
            #expect(
                asked.first?["customer_id"] as? String == customer && asked.first?["status"] as? String == "pending")

            _ = try await client.call(
                .patch, "/api/v1/tickets/\(ticket)", as: .agent, app: app, json: #"{"status": "open"}"#)
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(ticket)", as: .agent, app: app, json: #"{"status": "resolved"}"#)
            time.advance(by: 11 * 60)
            try await FollowUpAPITests.drain(app)
            #expect(try await Self.invitations(client, app, "ticket_id=\(ticket)").count == 1)
        }
    }

    @Test(arguments: Engine.available)
    func aTicketReopenedBeforeTheJobAndSettingsOffAskNobody(engine: Engine) async throws {
        let time = TestClock(Date(timeIntervalSince1970: 1_893_456_000))
        try await TestApp.run(engine, clock: time.clock) { app, client in
            try await Self.delay(client, app, minutes: 10)
            _ = try await SurveyAPITests.survey(client, app, #"{"kind": "csat", "title": "满意度"}"#)
            let customer = try await TicketAPITests.customer(client, app)
            var tickets: [String] = []
            for subject in ["a", "b"] {
                let made = try await client.call(
                    .post, "/api/v1/tickets", as: .agent, app: app,
                    json:
                        #"{"customer_id": "\#(customer)", "type": "request", "channel": "phone", "subject": "\#(subject)"}"#
                )
                tickets.append(try #require(made.body["id"] as? String))
            }
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(tickets[0])", as: .agent, app: app, json: #"{"status": "resolved"}"#)
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(tickets[0])", as: .agent, app: app, json: #"{"status": "open"}"#)
            _ = try await client.call(
                .patch, "/api/v1/settings", as: .admin, app: app, json: #"{"surveys": {"auto_csat": false}}"#)
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(tickets[1])", as: .agent, app: app, json: #"{"status": "resolved"}"#)
            time.advance(by: 20 * 60)
            try await FollowUpAPITests.drain(app)
            #expect(try await Self.invitations(client, app, "customer_id=\(customer)").isEmpty)
        }
    }

    @Test(arguments: Engine.available)
    func aFollowUpDoneIsAsked(engine: Engine) async throws {
        let time = TestClock(Date(timeIntervalSince1970: 1_893_456_000))
        try await TestApp.run(engine, clock: time.clock) { app, client in
            try await Self.delay(client, app, minutes: 0)
            _ = try await SurveyAPITests.survey(client, app, #"{"kind": "csat", "title": "满意度"}"#)
            _ = try await client.call(
                .post, "/api/v1/follow-up-plans", as: .manager, app: app, json: FollowUpAPITests.plan)
            let customer = try await TicketAPITests.customer(client, app)
            try await FollowUpAPITests.drain(app)
            let tasks = try await client.call(.get, "/api/v1/follow-ups?customer_id=\(customer)", as: .admin, app: app)
            let task = try #require((tasks.body["items"] as? [[String: Any]])?.first?["id"] as? String)
            let done = try await client.call(
                .patch, "/api/v1/follow-ups/\(task)", as: .admin, app: app,
                json: #"{"status": "done", "outcome": "satisfied"}"#)
            #expect(done.status == .ok)
            try await FollowUpAPITests.drain(app)
            let asked = try await Self.invitations(client, app, "customer_id=\(customer)")
            #expect(asked.count == 1 && asked.first?["follow_up_task_id"] as? String == task)
        }
    }
}
