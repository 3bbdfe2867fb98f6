import Foundation
import Hummingbird
import HummingbirdTesting
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@testable import KefuServer

@Suite("Web: roles, admin and import pages")
struct AdminPagesTests {
    @Test(arguments: Engine.available)
    func pagesARoleCannotUseAre403AndTheirLinksAreHidden(engine: Engine) async throws {
        try await TestApp.run(engine) { _, client in
            let agent = try await client.webLogin(.agent, language: "zh-Hans")
            for path in [
                "/admin/users", "/import", "/admin/branches", "/admin/settings", "/admin/audit",
                "/customers/export.csv", "/admin/mailboxes",
            ] {
                let page = try await client.page(path, session: agent)
                #expect(page.status == .forbidden, "\(path)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                #expect(page.body.contains("你的角色无权访问此页面或执行此操作。"), "\(path)")
            }
            let list = try await client.page("/customers", session: agent)
            #expect(!list.body.contains(#"href="/admin/users""#) && !list.body.contains(#"href="/import""#))
            let manager = try await client.webLogin(.manager)
            let managerList = try await client.page("/customers", session: manager)
            #expect(
                managerList.body.contains(#"href="/import""#) && !managerList.body.contains(#"href="/admin/users""#))
            #expect(try await client.page("/admin/users", session: manager).status == .forbidden)
            let admin = try await client.webLogin(.admin)
            let adminList = try await client.page("/customers", session: admin)
            for link in [
                "/import", "/admin/users", "/admin/branches", "/admin/mailboxes", "/admin/settings", "/admin/audit",
            ] {
                #expect(adminList.body.contains(#"href="\#(link)""#), "\(link)")
                #expect(try await client.page(link, session: admin).status == .ok, "\(link)")
            }
        }
    }

    @Test(arguments: Engine.available)
    func adminsManageUsersBranchesAndSettings(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let admin = try await client.webLogin(.admin)
            let weak = try await client.submit(
                "/admin/users",
                [
                    ("email", "new@example.test"), ("name", "New"), ("role", "agent"),
                    ("password", "short"),
                ], session: admin)
            #expect(weak.status == .unprocessableContent && weak.body.contains("at least 10 characters"))
            let user = try await client.submit(
                "/admin/users",
                [
                    ("email", "new@example.test"), ("name", "New"), ("role", "manager"),
                    ("password", "a long enough secret"),
                ], session: admin)
            #expect(user.status == .seeOther)
            let users = try await client.page("/admin/users", session: admin)
            #expect(users.body.contains("new@example.test"))
            let newID = try #require(
                try await UserRepository(app.database).credentials(email: "new@example.test")?.user.id)
            let disabled = try await client.submit(
                "/admin/users/\(newID.uuidString)", [("name", "New"), ("role", "agent")],
                session: admin)
            #expect(disabled.status == .seeOther)
            #expect(try await UserRepository(app.database).get(newID).active == false)
            let selfID = try #require(
                try await UserRepository(app.database).credentials(email: "admin@example.test")?.user.id)
            let demote = try await client.submit(
                "/admin/users/\(selfID.uuidString)", [("role", "agent"), ("active", "1")],
                session: admin)
            #expect(
                demote.status == .conflict && demote.body.contains("You cannot disable or demote your own account."))

            let branch = try await client.submit(
                "/admin/branches",
                [
                    ("name", "静安店"), ("time_zone", "Asia/Shanghai"),
                    ("opens_mon", "09:00"), ("closes_mon", "18:00"),
                    ("opens_tue", "10:00"),
                ], session: admin)
            #expect(branch.status == .unprocessableContent && branch.body.contains("Give opening and closing time"))
            let saved = try await client.submit(
                "/admin/branches", [("name", "静安店"), ("opens_sat", "10:00"), ("closes_sat", "16:00")],
                session: admin)
            #expect(saved.status == .seeOther)
            let stored = try #require(try await BranchRepository(app.database).list().first)
            #expect(stored.profile.businessHours["sat"] == "10:00-16:00")
            #expect(stored.profile.businessHours["mon"] == .some(nil))
            let branches = try await client.page("/admin/branches", session: admin)
            #expect(branches.body.contains("静安店") && branches.body.contains(#"value="16:00""#))
            let deleted = try await client.submit("/admin/branches/\(stored.id.uuidString)/delete", [], session: admin)
            #expect(deleted.status == .seeOther)

            let badSettings = try await client.submit(
                "/admin/settings",
                [
                    ("business_name", "店"), ("time_zone", "Mars/Base"),
                    ("currency", "cny"), ("phone_region", "CN"),
                    ("tiers", "VIP"),
                ], session: admin)
            #expect(badSettings.status == .unprocessableContent && badSettings.body.contains("Not a known time zone"))
            let badDesk = try await client.submit(
                "/admin/settings",
                [
                    ("business_name", "店"), ("time_zone", "Asia/Shanghai"), ("currency", "CNY"),
                    ("phone_region", "CN"), ("tiers", "VIP"), ("service_desk.ticket_capacity", "2.5"),
                    ("service_desk.silent_majority.told_per_teller.low", "30"),
                    ("service_desk.silent_majority.told_per_teller.high", "20"),
                ], session: admin)
            #expect(badDesk.status == .unprocessableContent && badDesk.body.contains("Enter a whole number."))
            #expect(badDesk.body.contains("This value is outside the allowed range."))
            #expect(try await SettingsRepository(app.database).get().serviceDesk == ServiceDeskSettings())
            let settings = try await client.submit(
                "/admin/settings",
                [
                    ("business_name", "小明汽车服务"), ("time_zone", "Asia/Shanghai"), ("currency", "CNY"),
                    ("phone_region", "CN"),
                    ("tiers", "VIP\ngold\nstandard\nbronze"), ("cf_key_0", "car"), ("cf_label_0", "车型"),
                    ("cf_type_0", "choice"),
                    ("cf_choices_0", "SUV, 轿车"), ("cf_key_1", ""), ("cf_label_1", ""), ("cf_type_1", "text"),
                    ("cf_choices_1", ""), ("service_desk.reopen_window_days", "3"),
                    ("service_desk.silent_majority.complaining_share", "4"),
                ], session: admin)
            #expect(settings.status == .seeOther)
            let current = try await SettingsRepository(app.database).get()
            #expect(current.tiers == ["VIP", "gold", "standard", "bronze"])
            #expect(
                current.serviceDesk.reopenWindowDays == 3 && current.serviceDesk.silentMajority.complainingShare == 0.04
            )
            #expect(
                current.customFields == [
                    CustomFieldDefinition(key: "car", label: "车型", type: .choice, choices: ["SUV", "轿车"])
                ])
            let form = try await client.page("/customers/new", session: admin)
            #expect(form.body.contains(#"name="custom.car""#) && form.body.contains(">bronze<"))
            let created = try await client.submit(
                "/customers/new", [("name", "车主"), ("custom.car", "SUV"), ("tier", "bronze")],
                session: admin)
            #expect(created.status == .seeOther)
            let audit = try await client.page("/admin/audit?entity_type=settings", session: admin)
            #expect(audit.status == .ok && audit.body.contains("小明汽车服务") && !audit.body.contains("静安店"))
        }
    }

    static func multipart(_ csv: String, csrf: String, policy: String = "reject") -> (body: String, boundary: String) {
        let boundary = "----kefu\(UUID().uuidString.prefix(8))"
        let body = """
            --\(boundary)\r
            Content-Disposition: form-data; name="csrf_token"\r
            \r
            \(csrf)\r
            --\(boundary)\r
            Content-Disposition: form-data; name="on_duplicate"\r
            \r
            \(policy)\r
            --\(boundary)\r
            Content-Disposition: form-data; name="file"; filename="customers.csv"\r
            Content-Type: text/csv\r
            \r
            \(csv)\r
            --\(boundary)--\r

            """
        return (body, boundary)
    }

    @Test(arguments: Engine.available)
    func importPreviewsRejectedRowsThenCommitsTheSameFile(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let manager = try await client.webLogin(.manager)
            let csv = "name,phone,tier\n王小明,13800138000,gold\n,13900139000,VIP\n李雷,12,platinum\n"
            let forged = try await client.uploadCSV(csv, session: manager, csrf: "forged")
            #expect(forged.status == .forbidden)
            let preview = try await client.uploadCSV(csv, session: manager)
            #expect(preview.status == .ok)
            #expect(preview.body.contains("Would import 1, merge 0, skip 0; 2 rows rejected."))
            #expect(preview.body.contains("<td data-label=\"Line\">3</td>"))
            #expect(try await CustomerRepository(app.database).count(CustomerQuery()) == 0)
            let upload = try #require(
                preview.body.range(of: #"name="upload" value=""#).map {
                    String(preview.body[$0.upperBound...].prefix { $0 != "\"" })
                })
            let other = try await client.webLogin(.admin)
            let stolen = try await client.submit(
                "/import/commit", [("upload", upload), ("on_duplicate", "reject")], session: other)
            #expect(stolen.status == .gone)
            let traversal = try await client.submit(
                "/import/commit", [("upload", "../../etc/passwd")], session: manager)
            #expect(traversal.status == .gone)
            let commit = try await client.submit(
                "/import/commit", [("upload", upload), ("on_duplicate", "reject")], session: manager)
            #expect(commit.status == .ok && commit.body.contains("Imported 1, merged 0, skipped 0; 2 rows rejected."))
            #expect(try await CustomerRepository(app.database).count(CustomerQuery()) == 1)
            let again = try await client.submit("/import/commit", [("upload", upload)], session: manager)
            #expect(again.status == .gone)
            let export = try await client.page("/customers/export.csv", session: manager)
            #expect(export.status == .ok && export.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(export.body.contains("王小明"))
        }
    }
}
