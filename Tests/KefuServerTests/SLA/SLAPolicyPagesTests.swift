import Foundation
import Hummingbird
import HummingbirdTesting
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@testable import KefuServer

@Suite("Web: SLA policies page")
struct SLAPolicyPagesTests {
    @Test(arguments: Engine.available)
    func adminsListCreateEditAndDeletePolicies(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let policies = SLAPolicyRepository(app.database)
            let admin = try await client.webLogin(.admin)
            let empty = try await client.page("/admin/sla-policies", session: admin)
            #expect(empty.status == .ok && empty.body.contains("No SLA policies yet."))
            #expect(empty.body.contains("Tick nothing in a group to match any tier, priority or type."))
            #expect(empty.body.contains(#"href="/admin/sla-policies""#))

            let bad = try await client.submit(
                "/admin/sla-policies",
                [
                    ("name", " "), ("tiers", "VIP"), ("first_response_minutes", "abc"),
                    ("resolution_minutes", "0"),
                ], session: admin)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("Required.") && bad.body.contains("Enter a whole number."))
            #expect(bad.body.contains("This value is outside the allowed range."))
            #expect(bad.body.contains(#"value="abc""#) && bad.body.contains(#"value="VIP" checked"#))
            #expect(try await policies.list().isEmpty)

            let created = try await client.submit(
                "/admin/sla-policies",
                [
                    ("name", "VIP urgent"), ("tiers", "VIP"), ("tiers", "gold"), ("priorities", "urgent"),
                    ("first_response_minutes", "90"), ("next_reply_minutes", ""), ("resolution_minutes", "480"),
                    ("raise_priority_on_breach", "1"),
                ], session: admin)
            #expect(created.status == .seeOther && created.location == "/admin/sla-policies?flash=sla_policy_saved")
            let policy = try #require(try await policies.list().first)
            #expect(
                policy.draft
                    == SLAPolicyDraft(
                        name: "VIP urgent", tiers: ["VIP", "gold"], priorities: [.urgent], types: nil,
                        firstResponseMinutes: 90, nextReplyMinutes: nil, resolutionMinutes: 480,
                        raisePriorityOnBreach: true))
            let list = try await client.page("/admin/sla-policies", session: admin)
            #expect(list.body.contains("VIP urgent") && list.body.contains("VIP, gold") && list.body.contains("Urgent"))
            #expect(list.body.contains("1 h 30 min") && list.body.contains("8 h") && list.body.contains("Any"))
            let chinese = try await client.webLogin(.admin, language: "zh-Hans")
            let zh = try await client.page("/admin/sla-policies", session: chinese)
            #expect(zh.body.contains("1小时30分钟") && zh.body.contains("8小时") && zh.body.contains("紧急"))

            let path = "/admin/sla-policies/\(policy.id.uuidString)"
            let refused = try await client.submit(
                path, [("name", "VIP urgent"), ("first_response_minutes", "90"), ("resolution_minutes", "")],
                session: admin)
            #expect(refused.status == .unprocessableContent && refused.body.contains("Required."))
            #expect(try await policies.get(policy.id) == policy)

            let edited = try await client.submit(
                path,
                [
                    ("name", "Everyone"), ("first_response_minutes", "60"), ("next_reply_minutes", "45"),
                    ("resolution_minutes", "1440"),
                ], session: admin)
            #expect(edited.status == .seeOther)
            let stored = try await policies.get(policy.id)
            #expect(stored.name == "Everyone" && stored.tiers == nil && stored.priorities == nil)
            #expect(stored.nextReplyMinutes == 45 && stored.resolutionMinutes == 1440 && !stored.raisePriorityOnBreach)
            let after = try await client.page("/admin/sla-policies", session: admin)
            #expect(after.body.contains("45 min") && after.body.contains("24 h") && after.body.contains("1 h"))

            let deleted = try await client.submit("\(path)/delete", [], session: admin)
            #expect(deleted.status == .seeOther && deleted.location == "/admin/sla-policies?flash=sla_policy_deleted")
            #expect(try await policies.list().isEmpty)
        }
    }

    @Test(arguments: Engine.available)
    func onlyAdminsSeeAndChangePolicies(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let policies = SLAPolicyRepository(app.database)
            let policy = try await policies.create(
                SLAPolicyDraft(name: "Standard", firstResponseMinutes: 60, resolutionMinutes: 480),
                by: .system("test", now: Date()))
            let fields = [("name", "Changed"), ("first_response_minutes", "5"), ("resolution_minutes", "10")]
            for role in [Role.manager, .agent] {
                let session = try await client.webLogin(role)
                #expect(try await client.page("/admin/sla-policies", session: session).status == .forbidden)
                #expect(!(try await client.page("/customers", session: session).body.contains("/admin/sla-policies")))
                for path in ["/admin/sla-policies", "/admin/sla-policies/\(policy.id.uuidString)"] {
                    #expect(try await client.submit(path, fields, session: session).status == .forbidden, "\(path)")
                }
                let delete = "/admin/sla-policies/\(policy.id.uuidString)/delete"
                #expect(try await client.submit(delete, [], session: session).status == .forbidden)
            }
            let admin = try await client.webLogin(.admin)
            let forged = try await client.submit("/admin/sla-policies", fields, session: admin, csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(try await policies.list().map(\.draft) == [policy.draft])
        }
    }
}
