import Foundation
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Customers API")
struct CustomerAPITests {
    @Test(arguments: Engine.available)
    func createGetSearchAndTimeline(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            // MUT
            let created = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app,
                json: #"{"name": "王小明", "phones": ["+86 138 0013 8000"], "tags": ["车主"]}"#)
            // validate
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/customers/\(id)")
            #expect(created.body["phones"] as? [String] == ["+8613800138000"])
            #expect(created.body["branch_id"] is NSNull)
            #expect(created.headers[.init("X-Request-Id")!] != nil)
            let fetched = try await client.call(.get, "/api/v1/customers/\(id)", as: .agent, app: app)
            #expect(fetched.body["name"] as? String == "王小明")
            let found = try await client.call(.get, "/api/v1/customers?q=%E6%98%8E", as: .agent, app: app)
            #expect((found.body["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            #expect(found.body["next_cursor"] is NSNull)
            let note = try await client.call(
                .post, "/api/v1/customers/\(id)/notes", as: .agent, app: app, json: #"{"body": "喜欢靠窗"}"#)
            #expect(note.status == .created)
            let timeline = try await client.call(.get, "/api/v1/customers/\(id)/timeline", as: .agent, app: app)
            let kinds = (timeline.body["items"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
            #expect(kinds == ["note.added", "customer.created"])
        }
    }

    @Test(arguments: Engine.available)
    func invalidCustomerIs400WithFieldErrorsAndWritesNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let response = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app,
                json: #"{"name": "", "phones": ["12"], "tier": "platinum"}"#)
            #expect(response.status == .badRequest)
            let fields = (response.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["name", "phones[0]", "tier"])
            let wrongType = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": 5}"#)
            #expect(wrongType.status == .badRequest)
            let notJSON = try await client.call(.post, "/api/v1/customers", as: .agent, app: app, json: "{")
            #expect(notJSON.status == .badRequest)
            let nul = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app,
                json: #"{"name": "a\u0000b", "tags": ["x"]}"#)
            #expect(nul.status == .badRequest)
            let nulQuery = try await client.call(.get, "/api/v1/customers?q=a%00b", as: .agent, app: app)
            #expect(nulQuery.status == .badRequest)
            for body in ["[]", "null", "\"text\""] {
                let notObject = try await client.call(.post, "/api/v1/customers", as: .agent, app: app, json: body)
                #expect(notObject.status == .badRequest, "\(body)")
                #expect((notObject.body["errors"] as? [[String: Any]])?.first?["field"] as? String == "body")
            }
            #expect(try await CustomerRepository(app.database).count(CustomerQuery()) == 0)
            // A backslash written before "u0000" is text, not a NUL.
            let escapedBackslash = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app,
                json: #"{"name": "C:\\u0000 folder"}"#)
            #expect(escapedBackslash.status == .created)
            let badLimit = try await client.call(.get, "/api/v1/customers?limit=500", as: .agent, app: app)
            #expect(badLimit.status == .badRequest)
        }
    }

    @Test(arguments: Engine.available)
    func duplicatePhoneIs409NamingTheOtherCustomer(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let first = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "A", "phones": ["13800138000"]}"#)
            let second = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "B", "phones": ["8613800138000"]}"#)
            #expect(second.status == .conflict)
            #expect(second.body["conflicting_id"] as? String == first.body["id"] as? String)
        }
    }

    @Test(arguments: Engine.available)
    func patchChangesOnlyGivenFields(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let created = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app,
                json: #"{"name": "Zhang", "remarks": "old", "tier": "gold"}"#)
            let id = try #require(created.body["id"] as? String)
            let patched = try await client.call(
                .patch, "/api/v1/customers/\(id)", as: .agent, app: app,
                json: #"{"remarks": null, "stage": "at-risk"}"#)
            #expect(patched.status == .ok)
            #expect(patched.body["remarks"] is NSNull)
            #expect(patched.body["stage"] as? String == "at_risk")
            #expect(patched.body["tier"] as? String == "gold")
        }
    }

    @Test(arguments: Engine.available)
    func mergeNeedsManagerAndRedirectsTheDuplicate(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let a =
                try await client.call(.post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "A"}"#).body[
                    "id"] as! String
            let b =
                try await client.call(.post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "B"}"#).body[
                    "id"] as! String
            let denied = try await client.call(
                .post, "/api/v1/customers/\(a)/merge", as: .agent, app: app, json: #"{"duplicate_id": "\#(b)"}"#)
            #expect(denied.status == .forbidden)
            let merged = try await client.call(
                .post, "/api/v1/customers/\(a)/merge", as: .manager, app: app, json: #"{"duplicate_id": "\#(b)"}"#)
            #expect(merged.status == .ok)
            let redirect = try await client.call(.get, "/api/v1/customers/\(b)", as: .agent, app: app)
            #expect(redirect.status == .permanentRedirect)
            #expect(redirect.headers[.location] == "/api/v1/customers/\(a)")
        }
    }

    @Test(arguments: Engine.available)
    func deleteIsAdminOnly(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let id =
                try await client.call(.post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "A"}"#).body[
                    "id"] as! String
            #expect(
                try await client.call(.delete, "/api/v1/customers/\(id)", as: .manager, app: app).status == .forbidden)
            #expect(
                try await client.call(.delete, "/api/v1/customers/\(id)", as: .admin, app: app).status == .noContent)
            #expect(try await client.call(.get, "/api/v1/customers/\(id)", as: .admin, app: app).status == .notFound)
        }
    }
}

@Suite("The server's clock")
struct ServerClockTests {
    /// Every time the server writes comes from the one injected clock: records, timeline, tokens.
    @Test(arguments: Engine.available)
    func timesComeFromTheInjectedClock(engine: Engine) async throws {
        let time = TestClock(Date(timeIntervalSince1970: 1_893_456_000))  // 2030-01-01T00:00:00Z
        try await TestApp.run(engine, clock: time.clock) { app, client in
            let created = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "王小明"}"#)
            #expect(created.body["created_at"] as? String == "2030-01-01T00:00:00Z")
            let id = try #require(created.body["id"] as? String)
            time.advance(by: 90)
            _ = try await client.call(
                .post, "/api/v1/customers/\(id)/notes", as: .agent, app: app, json: #"{"body": "回访"}"#)
            let timeline = try await client.call(.get, "/api/v1/customers/\(id)/timeline", as: .agent, app: app)
            let times = (timeline.body["items"] as? [[String: Any]])?.compactMap { $0["occurred_at"] as? String }
            #expect(times == ["2030-01-01T00:01:30Z", "2030-01-01T00:00:00Z"])
            let login = try await client.call(
                .post, "/api/v1/auth/token", as: nil, app: app,
                json: #"{"email": "agent@example.test", "password": "\#(TestApp.password)"}"#)
            #expect(login.body["expires_at"] as? String == "2030-01-02T00:01:30Z")
            let audit = try await client.call(.get, "/api/v1/audit?limit=1", as: .admin, app: app)
            #expect(
                (audit.body["items"] as? [[String: Any]])?.first?["occurred_at"] as? String == "2030-01-01T00:01:30Z")
        }
    }
}

@Suite("Customer list parameters")
struct CustomerListParameterTests {
    /// The API and the list page decode the query string with one parser: `+` is a space, `%2B` a plus.
    @Test(arguments: Engine.available)
    func theAPIAndThePageReadTheQueryTheSameWay(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app,
                json: #"{"name": "王 小明", "tags": ["老 客户"], "phones": ["+8613800138000"]}"#)
            for query in [
                "q=%E7%8E%8B+%E5%B0%8F", "tag=%E8%80%81+%E5%AE%A2%E6%88%B7", "q=%2B86138", "q=+%E5%B0%8F%E6%98%8E+",
            ] {
                let api = try await client.call(.get, "/api/v1/customers?\(query)", as: .agent, app: app)
                #expect((api.body["items"] as? [[String: Any]])?.count == 1, "API \(query)")
            }
            let session = try await client.webLogin(.agent)
            let page = try await client.page("/customers?q=%E7%8E%8B+%E5%B0%8F", session: session)
            #expect(page.body.contains("王 小明"))
            #expect(page.body.contains(#"value="王 小""#))
        }
    }
}
