import Foundation
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

/// A customer's `account_manager_id` through the API (create, PATCH, GET, list) and the web form and page.
@Suite("Customer account manager over HTTP")
struct CustomerAccountManagerHTTPTests {
    static func manager(_ app: TestApp) async throws -> User {
        try await UserRepository(app.database).create(
            email: "lin@example.test", name: "林经理", role: .agent, passwordHash: "x", by: app.database.system("test"))
    }

    @Test(arguments: Engine.available)
    func theAPISetsReadsAndClearsItAndRefusesAnUnknownUser(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let lin = try await Self.manager(app).id.uuidString
            let created = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "王小明"}"#)
            #expect(created.body["account_manager_id"] is NSNull)
            let id = try #require(created.body["id"] as? String)
            let path = "/api/v1/customers/\(id)"

            let patched = try await client.call(
                .patch, path, as: .agent, app: app, json: #"{"account_manager_id": "\#(lin)"}"#)
            #expect(patched.status == .ok)
            #expect((patched.body["account_manager_id"] as? String)?.uppercased() == lin)
            let fetched = try await client.call(.get, path, as: .agent, app: app)
            #expect((fetched.body["account_manager_id"] as? String)?.uppercased() == lin)
            let listed = try await client.call(.get, "/api/v1/customers", as: .agent, app: app)
            let items = try #require(listed.body["items"] as? [[String: Any]])
            #expect(items.map { ($0["account_manager_id"] as? String)?.uppercased() } == [lin])

            let unknown = try await client.call(
                .patch, path, as: .agent, app: app, json: #"{"account_manager_id": "\#(UUID().uuidString)"}"#)
            #expect(unknown.status == .badRequest)
            let errors = try #require(unknown.body["errors"] as? [[String: Any]])
            #expect(errors.map { "\($0["field"] ?? "") \($0["code"] ?? "")" } == ["account_manager_id unknown_user"])
            let malformed = try await client.call(
                .patch, path, as: .agent, app: app, json: #"{"account_manager_id": "lin"}"#)
            #expect(malformed.status == .badRequest)
            let unchanged = try await client.call(.get, path, as: .agent, app: app)
            #expect((unchanged.body["account_manager_id"] as? String)?.uppercased() == lin)

            let cleared = try await client.call(
                .patch, path, as: .agent, app: app, json: #"{"account_manager_id": null}"#)
            #expect(cleared.status == .ok)
            #expect(cleared.body["account_manager_id"] is NSNull)
        }
    }

    @Test(arguments: Engine.available)
    func theFormOffersActiveStaffAndThePageNamesTheManager(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let lin = try await Self.manager(app)
            let gone = try await UserRepository(app.database).create(
                email: "gone@example.test", name: "离职员工", role: .agent, passwordHash: "x",
                by: app.database.system("test"))
            _ = try await UserRepository(app.database).update(
                gone.id, .init(active: false), by: app.database.system("test"))
            let session = try await client.webLogin(.agent)
            let form = try await client.page("/customers/new", session: session)
            #expect(form.body.contains(#"name="account_manager_id""#))
            #expect(form.body.contains(#"value="\#(lin.id.uuidString)""#) && form.body.contains("林经理"))
            #expect(!form.body.contains("离职员工"))

            let created = try await client.submit(
                "/customers/new", [("name", "王小明"), ("account_manager_id", lin.id.uuidString)], session: session)
            #expect(created.status == .seeOther)
            let location = try #require(created.location)
            let id = try #require(UUID(uuidString: String(location.dropFirst("/customers/".count).prefix(36))))
            #expect(try await CustomerRepository(app.database).get(id).profile.accountManagerID == lin.id)
            let page = try await client.page(location, session: session)
            #expect(page.body.contains("林经理"))
            let edit = try await client.page("/customers/\(id.uuidString)/edit", session: session)
            #expect(edit.body.contains(#"value="\#(lin.id.uuidString)" selected"#))

            let refused = try await client.submit(
                "/customers/\(id.uuidString)/edit", [("name", "王小明"), ("account_manager_id", gone.id.uuidString)],
                session: session)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("No such active staff member.") || refused.body.contains("没有该在职员工。"))
            #expect(try await CustomerRepository(app.database).get(id).profile.accountManagerID == lin.id)
            let saved = try await client.submit(
                "/customers/\(id.uuidString)/edit", [("name", "王小明"), ("account_manager_id", "")], session: session)
            #expect(saved.status == .seeOther)
            #expect(try await CustomerRepository(app.database).get(id).profile.accountManagerID == nil)
        }
    }
}
