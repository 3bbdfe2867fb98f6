import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Teams and availability API")
struct TeamAPITests {
    @Test(arguments: Engine.available)
    func teamsPlaceTicketsRoundRobinAndAwayAgentsAreSkipped(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let users = try await UserRepository(app.database).list(limit: 10, cursor: nil).items
            let agent = try #require(users.first { $0.role == .agent })
            let team = try await client.call(
                .post, "/api/v1/teams", as: .admin, app: app,
                json: #"{"name": " 售后 ", "member_ids": ["\#(agent.id.uuidString)"]}"#)
            #expect(team.status == .created)
            let teamID = try #require(team.body["id"] as? String)
            #expect(team.body["name"] as? String == "售后")
            #expect(team.body["member_ids"] as? [String] == [agent.id.uuidString])
            let listed = try await client.call(.get, "/api/v1/teams", as: .agent, app: app)
            #expect((listed.body["items"] as? [[String: Any]])?.count == 1)
            #expect(try await client.call(.get, "/api/v1/teams/\(teamID)", as: .agent, app: app).status == .ok)
            func log(_ name: String, priority: String = "normal") async throws -> [String: Any] {
                let customer = try await client.call(
                    .post, "/api/v1/customers", as: .manager, app: app, json: #"{"name": "\#(name)"}"#)
                let id = try #require(customer.body["id"] as? String)
                return try await client.call(
                    .post, "/api/v1/tickets", as: .manager, app: app,
                    json: #"""
                        {"customer_id": "\#(id)", "type": "request", "channel": "web", "subject": "问",
                         "team_id": "\#(teamID)", "priority": "\#(priority)"}
                        """#
                ).body
            }
            let urgent = try await log("甲", priority: "urgent")
            #expect(urgent["owner_id"] as? String == agent.id.uuidString)
            let away = try await client.call(
                .put, "/api/v1/me/availability", as: .agent, app: app, json: #"{"available": false}"#)
            #expect(away.status == .ok && away.body["available"] as? Bool == false)
            let urgentID = try #require(urgent["id"] as? String)
            let unassigned = try await client.call(.get, "/api/v1/tickets/\(urgentID)", as: .agent, app: app)
            #expect(unassigned.body["assignee_id"] is NSNull)
            #expect(unassigned.body["owner_id"] as? String == agent.id.uuidString)
            #expect((unassigned.body["transfers"] as? [[String: Any]])?.first?["reason"] as? String == "agent_away")
            let page = try await client.page("/tickets/\(urgentID)", session: try await client.webLogin(.agent))
            #expect(page.body.contains("The assignee went away") && !page.body.contains("agent_away"))
            let whileAway = try await log("乙")
            #expect(whileAway["owner_id"] is NSNull)
            _ = try await client.call(
                .put, "/api/v1/me/availability", as: .agent, app: app, json: #"{"available": true}"#)
            #expect(try await log("丙")["owner_id"] as? String == agent.id.uuidString)
        }
    }

    @Test(arguments: Engine.available)
    func badInputAndRolesAreRefused(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let byManager = try await client.call(
                .post, "/api/v1/teams", as: .manager, app: app, json: #"{"name": "售后"}"#)
            #expect(byManager.status == .forbidden)
            let unknown = try await client.call(
                .post, "/api/v1/teams", as: .admin, app: app, json: #"{"name": "售后", "member_ids": ["\#(UUID())"]}"#)
            #expect(unknown.status == .badRequest)
            let blank = try await client.call(.post, "/api/v1/teams", as: .admin, app: app, json: #"{"name": " "}"#)
            #expect(blank.status == .badRequest)
            let listed = try await client.call(.get, "/api/v1/teams", as: .agent, app: app)
            #expect((listed.body["items"] as? [Any])?.isEmpty == true)
            let badBody = try await client.call(
                .put, "/api/v1/me/availability", as: .agent, app: app, json: #"{"available": "yes"}"#)
            #expect(badBody.status == .badRequest)
            try await client.expectUnauthorized(
                [
                    (HTTPRequest.Method.get, "/api/v1/teams"), (.post, "/api/v1/teams"),
                    (.get, "/api/v1/teams/\(UUID())"),
                    (.put, "/api/v1/me/availability"),
                ], app: app)
            let missing = try await client.call(.get, "/api/v1/teams/\(UUID())", as: .agent, app: app)
            #expect(missing.status == .notFound)
        }
    }
}
