import Foundation
import HummingbirdTesting
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@testable import KefuServer

/// The SLA on tickets over HTTP: the due times and `sla` in the ticket JSON (one ticket and lists), the
/// `breaching_soon` view, and the SLA card and due column of the pages.
@Suite("Ticket SLA over HTTP")
struct TicketSLAAPITests {
    /// A Monday, 10:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_900_058_400)

    static let always = """
        {"time_zone": "UTC", "weekly": {"mon": [["00:00","24:00"]], "tue": [["00:00","24:00"]],
         "wed": [["00:00","24:00"]], "thu": [["00:00","24:00"]], "fri": [["00:00","24:00"]],
         "sat": [["00:00","24:00"]], "sun": [["00:00","24:00"]]}, "holidays": [], "extra_workdays": []}
        """

    static func items(_ body: [String: Any]) -> [[String: Any]] { body["items"] as? [[String: Any]] ?? [] }

    @Test(arguments: Engine.available)
    func ticketsShowTheirDueTimesAndBreachingSoonListsWhatIsDue(engine: Engine) async throws {
        let clock = TestClock(Self.start)
        try await TestApp.run(engine, clock: clock.clock) { app, client in
            #expect(
                try await client.call(.put, "/api/v1/calendar", as: .admin, app: app, json: Self.always).status == .ok)
            let policy = try await client.call(
                .post, "/api/v1/sla-policies", as: .admin, app: app,
                json:
                    #"{"name": "标准", "tiers": null, "priorities": null, "types": null, "first_response_minutes": 60, "resolution_minutes": 480}"#
            )
            let policyID = try #require(policy.body["id"] as? String)
            let customer = try await TicketAPITests.customer(client, app)
            let created = try await client.call(
                .post, "/api/v1/tickets", as: .agent, app: app,
                json: #"""
                    {"customer_id": "\#(customer)", "type": "request", "channel": "phone", "subject": "开发票",
                     "received_at": "2030-03-18T09:30:00Z"}
                    """#)
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            #expect(created.body["first_response_due_at"] as? String == "2030-03-18T10:30:00Z")
            #expect(created.body["resolution_due_at"] as? String == "2030-03-18T17:30:00Z")
            #expect(created.body["next_reply_due_at"] is NSNull)
            let sla = try #require(created.body["sla"] as? [String: Any])
            #expect(sla["policy_id"] as? String == policyID && sla["paused"] as? Bool == false)
            #expect((sla["breaches"] as? [Any])?.isEmpty == true)

            let soon = try await client.call(.get, "/api/v1/tickets?view=breaching_soon", as: .agent, app: app)
            #expect(soon.status == .ok && Self.items(soon.body).map { $0["id"] as? String } == [id])
            #expect(Self.items(soon.body).first?["first_response_due_at"] as? String == "2030-03-18T10:30:00Z")
            let all = try await client.call(.get, "/api/v1/tickets", as: .agent, app: app)
            #expect(Self.items(all.body).first?["sla"] is [String: Any])

            let paused = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .agent, app: app, json: #"{"status": "on_hold"}"#)
            #expect((paused.body["sla"] as? [String: Any])?["paused"] as? Bool == true)
            clock.advance(by: 600)
            let later = try await client.call(.get, "/api/v1/tickets/\(id)", as: .agent, app: app)
            #expect(later.body["first_response_due_at"] as? String == "2030-03-18T10:40:00Z")
            let none = try await client.call(.get, "/api/v1/tickets?view=breaching_soon", as: .agent, app: app)
            #expect(Self.items(none.body).isEmpty)

            let agent = try await client.webLogin(.agent)
            let page = try await client.page("/tickets/\(id)", session: agent)
            #expect(page.body.contains(#"id="ticket-sla""#) && page.body.contains("标准"))
            #expect(page.body.contains(#"id="sla-due-first_response""#) && page.body.contains("Clocks paused"))
            let inbox = try await client.page("/tickets?view=all", session: agent)
            #expect(inbox.body.contains("Breaching soon") && inbox.body.contains(#"data-label="Due""#))
        }
    }

    @Test(arguments: Engine.available)
    func theViewNeedsAStaffLoginAndKnownViewsOnly(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let anonymous = try await client.call(.get, "/api/v1/tickets?view=breaching_soon", as: nil, app: app)
            #expect(anonymous.status == .unauthorized)
            let bad = try await client.call(.get, "/api/v1/tickets?view=breaching", as: .agent, app: app)
            #expect(bad.status == .badRequest)
        }
    }
}
