import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("SLA policies API")
struct SLAPolicyAPITests {
    static let vip = #"""
        {"name": "VIP 紧急", "tiers": ["VIP"], "priorities": ["urgent", "high"], "types": null,
         "first_response_minutes": 15, "next_reply_minutes": 60, "resolution_minutes": 240,
         "raise_priority_on_breach": true}
        """#

    @Test(arguments: Engine.available)
    func adminsKeepPoliciesAndEveryStaffMemberReadsThem(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let created = try await client.call(.post, "/api/v1/sla-policies", as: .admin, app: app, json: Self.vip)
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/sla-policies/\(id)")
            #expect(created.body["tiers"] as? [String] == ["VIP"])
            #expect(created.body["priorities"] as? [String] == ["urgent", "high"])
            #expect(created.body["types"] is NSNull && created.body["raise_priority_on_breach"] as? Bool == true)
            let defaults = try await client.call(
                .post, "/api/v1/sla-policies", as: .admin, app: app,
                json: #"{"name": "默认", "first_response_minutes": 60, "resolution_minutes": 1440}"#)
            #expect(defaults.body["tiers"] is NSNull && defaults.body["next_reply_minutes"] is NSNull)
            #expect(defaults.body["raise_priority_on_breach"] as? Bool == false)
            let listed = try await client.call(.get, "/api/v1/sla-policies", as: .agent, app: app)
            #expect(
                (listed.body["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["VIP 紧急", "默认"])
            #expect(listed.body["next_cursor"] is NSNull)
            let patched = try await client.call(
                .patch, "/api/v1/sla-policies/\(id)", as: .admin, app: app,
                json: #"{"priorities": null, "first_response_minutes": 10}"#)
            #expect(patched.status == .ok)
            #expect(patched.body["priorities"] is NSNull && patched.body["first_response_minutes"] as? Int == 10)
            #expect(patched.body["tiers"] as? [String] == ["VIP"] && patched.body["resolution_minutes"] as? Int == 240)
            let read = try await client.call(.get, "/api/v1/sla-policies/\(id)", as: .agent, app: app)
            #expect(read.body["first_response_minutes"] as? Int == 10 && read.body["priorities"] is NSNull)
            let audit = try await client.call(.get, "/api/v1/audit?entity_type=sla_policy", as: .admin, app: app)
            #expect((audit.body["items"] as? [Any])?.count == 3)
            #expect(
                try await client.call(.delete, "/api/v1/sla-policies/\(id)", as: .admin, app: app).status == .noContent)
            #expect(try await client.call(.get, "/api/v1/sla-policies/\(id)", as: .agent, app: app).status == .notFound)
        }
    }

    @Test(arguments: Engine.available)
    func badInputAndLowRolesAreRefusedAndWriteNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            #expect(
                try await client.call(.post, "/api/v1/sla-policies", as: .manager, app: app, json: Self.vip).status
                    == .forbidden)
            let bad = try await client.call(
                .post, "/api/v1/sla-policies", as: .admin, app: app,
                json:
                    #"{"name": "", "tiers": ["platinum"], "priorities": [], "first_response_minutes": 0, "resolution_minutes": 60}"#
            )
            #expect(bad.status == .badRequest)
            #expect(
                (bad.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
                    == ["name", "priorities", "tiers", "first_response_minutes"])
            let wrongEnum = try await client.call(
                .post, "/api/v1/sla-policies", as: .admin, app: app,
                json: #"{"name": "x", "priorities": ["asap"], "first_response_minutes": 5, "resolution_minutes": 60}"#)
            #expect(wrongEnum.status == .badRequest)
            let missing = try await client.call(
                .post, "/api/v1/sla-policies", as: .admin, app: app, json: #"{"name": "x"}"#)
            #expect(missing.status == .badRequest)
            let listed = try await client.call(.get, "/api/v1/sla-policies", as: .agent, app: app)
            #expect((listed.body["items"] as? [Any])?.isEmpty == true)
            let created = try await client.call(.post, "/api/v1/sla-policies", as: .admin, app: app, json: Self.vip)
            let id = try #require(created.body["id"] as? String)
            let emptied = try await client.call(
                .patch, "/api/v1/sla-policies/\(id)", as: .admin, app: app, json: #"{"resolution_minutes": -1}"#)
            #expect(emptied.status == .badRequest)
            let kept = try await client.call(.get, "/api/v1/sla-policies/\(id)", as: .agent, app: app)
            #expect(kept.body["resolution_minutes"] as? Int == 240)
            for (method, path) in [
                (HTTPRequest.Method.patch, "/api/v1/sla-policies/\(id)"), (.delete, "/api/v1/sla-policies/\(id)"),
            ] {
                #expect(try await client.call(method, path, as: .manager, app: app, json: "{}").status == .forbidden)
            }
            #expect(
                try await client.call(.get, "/api/v1/sla-policies/\(UUID().uuidString)", as: .agent, app: app).status
                    == .notFound)
        }
    }
}
