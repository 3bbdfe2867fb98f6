import Foundation
import HummingbirdTesting
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@testable import KefuServer

@Suite("Web: customer pages")
struct CustomerPagesTests {
    static let valid: [(String, String)] = [
        ("kind", "organization"), ("name", "王小明贸易"), ("phones", "13800138000\n+86 139 0013 9000"),
        ("emails", "Boss@Example.com"), ("tier", "gold"), ("stage", "returning"), ("personality", "owl"),
        ("tags", "车主，VIP; 2024"), ("gender", "unspecified"), ("consent_sms", "1"), ("remarks", "喜欢靠窗"),
    ]

    @Test(arguments: Engine.available)
    func creatingACustomerThroughTheFormRedirectsToItsPage(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            // setup
            let session = try await client.webLogin(.agent)
            // MUT
            let response = try await client.submit("/customers/new", Self.valid, session: session)
            // validate
            #expect(response.status == .seeOther)
            let location = try #require(response.location)
            #expect(location.hasPrefix("/customers/") && location.hasSuffix("?flash=customer_created"))
            let id = try #require(UUID(uuidString: String(location.dropFirst("/customers/".count).prefix(36))))
            let customer = try await CustomerRepository(app.database).get(id)
            #expect(customer.profile.kind == .organization)
            #expect(customer.profile.phones == ["+8613800138000", "+8613900139000"])
            #expect(customer.profile.emails == ["boss@example.com"])
            #expect(customer.profile.tags == ["车主", "VIP", "2024"])
            #expect(customer.profile.consent == Consent(sms: true))
            let page = try await client.page(location, session: session)
            #expect(page.status == .ok)
            #expect(page.body.contains("王小明贸易") && page.body.contains("Customer created."))
            let edit = try await client.page("/customers/\(id.uuidString)/edit", session: session)
            #expect(edit.body.contains(#"value="王小明贸易""#))
            let saved = try await client.submit(
                "/customers/\(id.uuidString)/edit",
                Self.valid.map { $0.0 == "name" ? ("name", "王小明集团") : $0 }, session: session)
            #expect(saved.status == .seeOther)
            #expect(try await CustomerRepository(app.database).get(id).profile.name == "王小明集团")
        }
    }

    @Test(arguments: Engine.available)
    func invalidInputComesBackWithInlineMessagesInTheChosenLanguageAndWritesNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let session = try await client.webLogin(.agent, language: "zh-Hans")
            let response = try await client.submit(
                "/customers/new",
                [
                    ("name", " "), ("phones", "12"), ("tier", "platinum"),
                    ("birthday", "2020-02-30"), ("remarks", "keep me"),
                ],
                session: session)
            #expect(response.status == .unprocessableContent)
            #expect(response.body.contains(#"<html lang="zh-Hans">"#))
            #expect(response.body.contains("必填。"))
            #expect(response.body.contains("“12”不是有效的电话号码。"))
            #expect(response.body.contains("不是已配置的客户等级。"))
            #expect(response.body.contains("日期格式应为 YYYY-MM-DD。"))
            #expect(response.body.contains(">keep me</textarea>"))
            #expect(response.body.contains(#"id="f-phones" name="phones" rows="2" aria-invalid="true">12</textarea>"#))
            #expect(try await CustomerRepository(app.database).count(CustomerQuery()) == 0)
            let noToken = try await client.submit("/customers/new", Self.valid, session: session, csrf: "")
            #expect(noToken.status == .forbidden)
            let wrongToken = try await client.submit("/customers/new", Self.valid, session: session, csrf: "forged")
            #expect(wrongToken.status == .forbidden)
            #expect(wrongToken.body.contains("表单已过期"))
            #expect(try await CustomerRepository(app.database).count(CustomerQuery()) == 0)
        }
    }

    @Test(arguments: Engine.available)
    func aPhoneThatBelongsToAnotherCustomerIs409LinkingToThem(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let session = try await client.webLogin(.agent)
            var first = CustomerProfile()
            (first.name, first.phones) = ("A", ["13800138000"])
            let existing = try await CustomerRepository(app.database).create(first, by: app.database.system("test"))
            let response = try await client.submit(
                "/customers/new", [("name", "B"), ("phones", "+8613800138000")], session: session)
            #expect(response.status == .conflict)
            #expect(response.body.contains("This phone or email already belongs to another customer."))
            #expect(response.body.contains(#"href="/customers/\#(existing.id.uuidString)""#))
        }
    }

    @Test(arguments: Engine.available)
    func valuesAreHTMLEscapedEverywhere(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            var profile = CustomerProfile()
            (profile.name, profile.tags, profile.remarks) = (
                "<script>alert(1)</script>", ["<b>x</b>"], #""onmouseover="x"#
            )
            let customer = try await CustomerRepository(app.database).create(profile, by: app.database.system("test"))
            _ = try await NoteRepository(app.database).create(
                customerID: customer.id, body: "<img src=x onerror=alert(2)>",
                by: app.database.system("test"))
            let session = try await client.webLogin(.agent)
            for path in [
                "/customers", "/customers?q=%3Cscript", "/customers/\(customer.id.uuidString)",
                "/customers/\(customer.id.uuidString)/edit",
            ] {
                let page = try await client.page(path, session: session)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
                #expect(!page.body.contains("<script>alert(1)"), "\(path)")
                #expect(!page.body.contains("<b>x</b>") && !page.body.contains("<img src=x"), "\(path)")
            }
            let search = try await client.page("/customers?q=%22%3E%3Cscript%3E", session: session)
            #expect(search.body.contains(#"value="&quot;&gt;&lt;script&gt;""#))
        }
    }

    @Test func countsAreWrittenInGroupsOfThree() {
        #expect(CustomerListPage.grouped(0) == "0" && CustomerListPage.grouped(999) == "999")
        #expect(CustomerListPage.grouped(1_234_567) == "1,234,567" && CustomerListPage.grouped(-1_000) == "-1,000")
    }

    /// Past `countCap` matches the page stops counting and says "more than", in both languages.
    @Test(arguments: Engine.available)
    func theCountStopsPastItsCap(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let rows = (0...CustomerListPage.countCap).map { "Customer \($0)" }
            let summary = try await CustomerImport(app.database).run(
                bytes: Array(("name\n" + rows.joined(separator: "\n") + "\n").utf8), onDuplicate: .reject,
                dryRun: false,
                by: app.database.system("test"))
            #expect(summary.imported == CustomerListPage.countCap + 1)
            let session = try await client.webLogin(.agent)
            let all = try await client.page("/customers", session: session)
            #expect(all.body.contains("More than 1,000 customers match"))
            let one = try await client.page("/customers?q=Customer+1000", session: session)
            #expect(one.body.contains("1 customers match"))
            let chinese = try await client.page("/customers", session: session, language: "zh-CN")
            #expect(chinese.body.contains("超过 1,000 位客户符合条件"))
        }
    }

    @Test(arguments: Engine.available)
    func theListHasTheSearchBoxFiltersCountsAndPages(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            for index in 0..<55 {
                var profile = CustomerProfile()
                profile.name = index == 0 ? "王小明" : "Customer \(index)"
                profile.tier = index.isMultiple(of: 2) ? "gold" : "standard"
                _ = try await CustomerRepository(app.database).create(profile, by: app.database.system("test"))
            }
            let session = try await client.webLogin(.agent)
            let list = try await client.page("/customers", session: session)
            #expect(list.body.contains(#"<input type="search" name="q""#))
            #expect(list.body.contains("55 customers match"))
            #expect(list.body.contains(#"rel="next""#))
            let found = try await client.page("/customers?q=%E5%B0%8F%E6%98%8E", session: session)
            #expect(found.body.contains("1 customers match") && found.body.contains("王小明"))
            let spaced = try await client.page("/customers?q=Customer+5&sort=name", session: session)
            #expect(spaced.body.contains("Customer 5<") && !spaced.body.contains("王小明"))
            let gold = try await client.page("/customers?tier=gold", session: session)
            #expect(gold.body.contains("28 customers match"))
            let next = try #require(
                list.body.range(of: #"<a href="/customers?&amp;cursor="#).map { range in
                    String(list.body[range.lowerBound...].dropFirst(9).prefix { $0 != "\"" }).replacingOccurrences(
                        of: "&amp;", with: "&")
                })
            let second = try await client.page(next, session: session)
            #expect(second.status == .ok && second.body.contains("« First page"))
        }
    }

    @Test(arguments: Engine.available)
    func notesContactsMergeAndDeleteWorkFromTheCustomerPage(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let repository = CustomerRepository(app.database)
            var profile = CustomerProfile()
            profile.name = "王小明"
            let customer = try await repository.create(profile, by: app.database.system("test"))
            profile.name = "王小明 (dup)"
            let duplicate = try await repository.create(profile, by: app.database.system("test"))
            let base = "/customers/\(customer.id.uuidString)"
            let manager = try await client.webLogin(.manager)
            let note = try await client.submit("\(base)/notes", [("body", "喜欢靠窗的座位")], session: manager)
            #expect(note.status == .seeOther)
            let empty = try await client.submit("\(base)/notes", [("body", "  ")], session: manager)
            #expect(empty.status == .unprocessableContent && empty.body.contains("Required."))
            let contact = try await client.submit(
                "\(base)/contacts",
                [
                    ("name", "李总"), ("title", "采购经理"),
                    ("phones", "13700137000"), ("topics_to_avoid", "价格"),
                ],
                session: manager)
            #expect(contact.status == .seeOther)
            let badContact = try await client.submit(
                "\(base)/contacts", [("name", ""), ("phones", "x")], session: manager)
            #expect(
                badContact.status == .unprocessableContent && badContact.body.contains("is not a valid phone number"))
            let page = try await client.page(base, session: manager)
            #expect(page.body.contains("喜欢靠窗的座位") && page.body.contains("李总") && page.body.contains("采购经理"))
            #expect(page.body.contains(#"action="\#(base)/merge""#))
            #expect(!page.body.contains(#"action="\#(base)/delete""#))
            let merged = try await client.submit(
                "\(base)/merge", [("duplicate_id", duplicate.id.uuidString)], session: manager)
            #expect(merged.status == .seeOther)
            let redirect = try await client.page("/customers/\(duplicate.id.uuidString)", session: manager)
            #expect(redirect.status == .seeOther && redirect.location == "/customers/\(customer.id.uuidString)")
            let managerDelete = try await client.submit("\(base)/delete", [], session: manager)
            #expect(managerDelete.status == .forbidden)
            let admin = try await client.webLogin(.admin)
            let adminPage = try await client.page(base, session: admin)
            #expect(adminPage.body.contains(#"action="\#(base)/delete""#))
            let deleted = try await client.submit("\(base)/delete", [], session: admin)
            #expect(deleted.location == "/customers?flash=customer_deleted")
            #expect(try await repository.count(CustomerQuery()) == 0)
        }
    }
}
