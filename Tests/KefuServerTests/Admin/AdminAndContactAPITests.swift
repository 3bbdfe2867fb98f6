import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Contacts, branches, settings, users and audit API")
struct AdminAndContactAPITests {
    @Test(arguments: Engine.available)
    func keyContactsCanBeAddedEditedAndRemoved(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let org = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app,
                json: #"{"name": "华东物流", "kind": "organization"}"#)
            let id = try #require(org.body["id"] as? String)
            // MUT
            let added = try await client.call(
                .post, "/api/v1/customers/\(id)/contacts", as: .agent, app: app,
                json: #"{"name": "李经理", "title": "采购总监", "phones": ["13900001111"], "topics_to_avoid": "价格"}"#)
            // validate
            #expect(added.status == .created)
            let contactID = try #require(added.body["id"] as? String)
            #expect(added.body["phones"] as? [String] == ["+8613900001111"])
            #expect(added.body["customer_id"] as? String == id)
            let edited = try await client.call(
                .patch, "/api/v1/customers/\(id)/contacts/\(contactID)", as: .agent, app: app,
                json: #"{"habits": "早上打电话"}"#)
            #expect(edited.body["habits"] as? String == "早上打电话")
            #expect(edited.body["title"] as? String == "采购总监")
            let invalid = try await client.call(
                .post, "/api/v1/customers/\(id)/contacts", as: .agent, app: app,
                json: #"{"name": " ", "emails": ["nope"]}"#)
            #expect(invalid.status == .badRequest)
            let listed = try await client.call(.get, "/api/v1/customers/\(id)/contacts", as: .agent, app: app)
            #expect((listed.body["items"] as? [Any])?.count == 1)
            #expect(
                try await client.call(.delete, "/api/v1/customers/\(id)/contacts/\(contactID)", as: .agent, app: app)
                    .status
                    == .noContent)
            #expect(
                try await client.call(.get, "/api/v1/customers/\(id)/contacts/\(contactID)", as: .agent, app: app)
                    .status
                    == .notFound)
            let events = try await client.call(.get, "/api/v1/customers/\(id)/timeline", as: .agent, app: app)
            let kinds = (events.body["items"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
            #expect(kinds == ["contact.removed", "contact.updated", "contact.added", "customer.created"])
        }
    }

    @Test(arguments: Engine.available)
    func branchesAreManagedByAdmins(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let created = try await client.call(
                .post, "/api/v1/branches", as: .admin, app: app,
                json: #"{"name": "静安店", "business_hours": {"sat": "10:00-16:00"}}"#)
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            #expect(created.body["time_zone"] as? String == "Asia/Shanghai")
            let hours = try #require(created.body["business_hours"] as? [String: Any])
            #expect(hours["sat"] as? String == "10:00-16:00" && hours["sun"] is NSNull)
            let badHours = try await client.call(
                .post, "/api/v1/branches", as: .admin, app: app,
                json: #"{"name": "浦东店", "business_hours": {"mon": "18:00-09:00"}}"#)
            #expect(badHours.status == .badRequest)
            let duplicate = try await client.call(
                .post, "/api/v1/branches", as: .admin, app: app, json: #"{"name": "静安店"}"#)
            #expect(duplicate.status == .conflict)
            let renamed = try await client.call(
                .patch, "/api/v1/branches/\(id)", as: .admin, app: app,
                json: #"{"address": "南京西路 1 号"}"#)
            #expect(renamed.body["address"] as? String == "南京西路 1 号")
            #expect(try await client.call(.get, "/api/v1/branches", as: .agent, app: app).status == .ok)
            #expect(
                try await client.call(.delete, "/api/v1/branches/\(id)", as: .manager, app: app).status == .forbidden)
            #expect(try await client.call(.delete, "/api/v1/branches/\(id)", as: .admin, app: app).status == .noContent)
            let remaining = try await client.call(.get, "/api/v1/branches", as: .agent, app: app)
            #expect((remaining.body["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(arguments: Engine.available)
    func settingsChangeTheCustomerRules(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let patched = try await client.call(
                .patch, "/api/v1/settings", as: .admin, app: app,
                json: """
                    {"tiers": ["钻石", "standard"],
                     "custom_fields": [{"key": "car", "label": "车型", "type": "choice", "choices": ["SUV", "轿车"]}]}
                    """)
            #expect(patched.status == .ok)
            let bad = try await client.call(
                .patch, "/api/v1/settings", as: .admin, app: app, json: #"{"currency": "yuan"}"#)
            #expect(bad.status == .badRequest)
            let settings = try await client.call(.get, "/api/v1/settings", as: .agent, app: app)
            #expect(settings.body["currency"] as? String == "CNY")
            let desk = try await client.call(
                .patch, "/api/v1/settings", as: .admin, app: app,
                json: #"{"service_desk": {"ticket_capacity": 5, "silent_majority": {"telling_share": 0.4}}}"#)
            let deskBody = try #require(desk.body["service_desk"] as? [String: Any], "\(desk.status) \(desk.body)")
            #expect(deskBody["ticket_capacity"] as? Int == 5 && deskBody["reopen_window_days"] as? Int == 7)
            #expect((deskBody["silent_majority"] as? [String: Any])?["telling_share"] as? Double == 0.4)
            let badDesk = try await client.call(
                .patch, "/api/v1/settings", as: .admin, app: app, json: #"{"service_desk": {"reopen_window_days": -1}}"#
            )
            #expect(badDesk.status == .badRequest)
            let errors = try #require(badDesk.body["errors"] as? [[String: Any]])
            #expect(errors.map { $0["field"] as? String } == ["service_desk.reopen_window_days"])
            #expect(try await SettingsRepository(app.database).get().serviceDesk.reopenWindowDays == 7)
            let customer = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app,
                json: #"{"name": "A", "tier": "钻石", "custom_fields": {"car": "SUV"}}"#)
            #expect(customer.status == .created)
            let rejected = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app,
                json: #"{"name": "B", "tier": "gold", "custom_fields": {"car": "bike"}}"#)
            let fields = (rejected.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["tier", "custom_fields.car"])
        }
    }

    @Test(arguments: Engine.available)
    func adminsCreateAndChangeUsersAndEveryWriteIsAudited(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let weak = try await client.call(
                .post, "/api/v1/users", as: .admin, app: app,
                json: #"{"email": "new@example.test", "name": "New", "role": "agent", "password": "password123"}"#)
            #expect(weak.status == .badRequest)
            let created = try await client.call(
                .post, "/api/v1/users", as: .admin, app: app,
                json:
                    #"{"email": "New@Example.test", "name": "New", "role": "agent", "password": "a fine long phrase"}"#)
            #expect(created.status == .created)
            #expect(created.body["email"] as? String == "new@example.test")
            #expect(created.body["password"] == nil && created.body["password_hash"] == nil)
            let id = try #require(created.body["id"] as? String)
            let again = try await client.call(
                .post, "/api/v1/users", as: .admin, app: app,
                json: #"{"email": "new@example.test", "name": "Again", "role": "agent", "#
                    + #""password": "a fine long phrase"}"#)
            #expect(again.status == .conflict)
            let promoted = try await client.call(
                .patch, "/api/v1/users/\(id)", as: .admin, app: app, json: #"{"role": "manager"}"#)
            #expect(promoted.body["role"] as? String == "manager")
            let audit = try await client.call(.get, "/api/v1/audit?entity_type=user", as: .admin, app: app)
            let actions = (audit.body["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
            #expect(actions?.prefix(2) == ["user.update", "user.create"])
            let entry = try #require((audit.body["items"] as? [[String: Any]])?.first)
            #expect(entry["actor_email"] as? String == "admin@example.test")
            #expect(entry["request_id"] is String)
        }
    }

    @Test(arguments: Engine.available)
    func managersImportAndExportCSV(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            var headers = app.headers(.manager, json: false)
            headers[.contentType] = "text/csv"
            let csv = "name,phone,tier\n王小明,13800138000,VIP\n,13900139000,\n"
            // MUT: a dry run, then the import itself
            let dry = try await client.execute(
                uri: "/api/v1/customers/import?dry_run=true", method: .post, headers: headers,
                body: ByteBuffer(string: csv)
            ) { response in
                (
                    response.status,
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                )
            }
            #expect(dry.0 == .ok)
            #expect(dry.1?["imported"] as? Int == 1)
            #expect((dry.1?["rejected"] as? [[String: Any]])?.first?["row"] as? Int == 3)
            #expect(try await CustomerRepository(app.database).count(CustomerQuery()) == 0)
            let badHeader = try await client.execute(
                uri: "/api/v1/customers/import", method: .post, headers: headers,
                body: ByteBuffer(string: "name,shoe_size\nA,42\n")
            ) { $0.status }
            #expect(badHeader == .badRequest)
            var json = headers
            json[.contentType] = "application/json"
            let wrongType = try await client.execute(
                uri: "/api/v1/customers/import", method: .post, headers: json,
                body: ByteBuffer(string: "{}")
            ) { $0.status }
            #expect(wrongType == .unsupportedMediaType)
            #expect(try await CustomerRepository(app.database).count(CustomerQuery()) == 0)
            let real = try await client.execute(
                uri: "/api/v1/customers/import?on_duplicate=skip", method: .post,
                headers: headers, body: ByteBuffer(string: csv)
            ) { $0.status }
            #expect(real == .ok)
            // validate
            let exported = try await client.execute(
                uri: "/api/v1/customers/export", method: .get,
                headers: app.headers(.manager, json: false)
            ) { response in
                (response.status, response.headers[.contentType], String(buffer: response.body))
            }
            #expect(exported.0 == .ok)
            #expect(exported.1?.hasPrefix("text/csv") == true)
            #expect(exported.2.contains("王小明") && exported.2.contains("+8613800138000"))
        }
    }
}
