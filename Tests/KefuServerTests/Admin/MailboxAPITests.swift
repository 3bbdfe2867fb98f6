import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

/// `/api/v1/mailboxes` (issue 16 §2): admins create, list, read and change mailboxes; bad input and clashes
/// write nothing; other roles are refused.
@Suite("Mailbox API")
struct MailboxAPITests {
    @Test(arguments: Engine.available)
    func anAdminCreatesReadsAndChangesAMailbox(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let created = try await client.call(
                .post, "/api/v1/mailboxes", as: .admin, app: app,
                json: #"{"address": " Help@Shop.TEST ", "display_name": "小店客服", "ingest_name": "Help"}"#)
            #expect(created.status == .created)
            #expect(
                created.body["address"] as? String == "help@shop.test"
                    && created.body["ingest_name"] as? String == "help")
            #expect(
                created.body["language"] as? String == "zh-Hans" && created.body["acknowledgements"] as? Bool == true)
            #expect(created.body["team_id"] is NSNull && created.body["signature"] as? String == "")
            let id = try #require(created.body["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/mailboxes/\(id)")
            let patched = try await client.call(
                .patch, "/api/v1/mailboxes/\(id)", as: .admin, app: app,
                json: #"{"language": "en", "acknowledgements": false, "signature": "Shop support"}"#)
            #expect(patched.status == .ok && patched.body["language"] as? String == "en")
            #expect(
                patched.body["acknowledgements"] as? Bool == false
                    && patched.body["address"] as? String == "help@shop.test")
            let fetched = try await client.call(.get, "/api/v1/mailboxes/\(id)", as: .admin, app: app)
            #expect(fetched.body["signature"] as? String == "Shop support")
            let list = try await client.call(.get, "/api/v1/mailboxes", as: .admin, app: app)
            #expect((list.body["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            let audit = try await client.call(.get, "/api/v1/audit?entity_type=mailbox", as: .admin, app: app)
            let actions = (audit.body["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
            #expect(Set(actions ?? []) == ["mailbox.create", "mailbox.update"])
            #expect(
                try await MailboxRepository(app.database).named("HELP")?.id.uuidString.lowercased() == id.lowercased())
        }
    }

    @Test(arguments: Engine.available)
    func badInputAndClashesAreRefusedAndWriteNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let bad = try await client.call(
                .post, "/api/v1/mailboxes", as: .admin, app: app,
                json: #"{"address": "not an address", "ingest_name": "有空格 的", "team_id": "\#(UUID())"}"#)
            #expect(bad.status == .badRequest)
            #expect(bad.body["type"] as? String == "https://kefu.dev/problems/validation")
            let fields = (bad.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["address", "ingest_name"])
            let missing = try await client.call(.post, "/api/v1/mailboxes", as: .admin, app: app, json: #"{}"#)
            #expect(missing.status == .badRequest)
            let ghostTeam = try await client.call(
                .post, "/api/v1/mailboxes", as: .admin, app: app,
                json: #"{"address": "a@shop.test", "ingest_name": "a", "team_id": "\#(UUID())"}"#)
            #expect(ghostTeam.status == .badRequest)
            #expect(try await MailboxRepository(app.database).list().isEmpty)
            _ = try await client.call(
                .post, "/api/v1/mailboxes", as: .admin, app: app,
                json: #"{"address": "a@shop.test", "ingest_name": "a"}"#)
            let clash = try await client.call(
                .post, "/api/v1/mailboxes", as: .admin, app: app,
                json: #"{"address": "A@shop.test", "ingest_name": "b"}"#)
            #expect(clash.status == .conflict)
            #expect(try await MailboxRepository(app.database).list().count == 1)
            let unknown = try await client.call(.get, "/api/v1/mailboxes/\(UUID())", as: .admin, app: app)
            #expect(unknown.status == .notFound)
        }
    }

    @Test(arguments: Engine.available)
    func onlyAdminsReachMailboxes(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            for role in [Role.agent, .manager] {
                let denied = try await client.call(
                    .post, "/api/v1/mailboxes", as: role, app: app,
                    json: #"{"address": "a@shop.test", "ingest_name": "a"}"#)
                #expect(denied.status == .forbidden)
                #expect(try await client.call(.get, "/api/v1/mailboxes", as: role, app: app).status == .forbidden)
            }
            try await client.expectUnauthorized(
                [
                    (HTTPRequest.Method.get, "/api/v1/mailboxes"), (.post, "/api/v1/mailboxes"),
                    (.get, "/api/v1/mailboxes/\(UUID())"), (.patch, "/api/v1/mailboxes/\(UUID())"),
                ], app: app)
            #expect(try await MailboxRepository(app.database).list().isEmpty)
        }
    }

    @Test(arguments: Engine.available)
    func theAdminPageAddsAndEditsMailboxesInBothLanguages(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let admin = try await client.webLogin(.admin, language: "zh-Hans")
            let empty = try await client.page("/admin/mailboxes", session: admin)
            #expect(empty.status == .ok && empty.body.contains("还没有邮箱。"))
            let bad = try await client.submit(
                "/admin/mailboxes", [("address", "nope"), ("ingest_name", "a b")], session: admin)
            #expect(bad.status == .unprocessableContent && bad.body.contains("请使用 1 到 64 个"))
            #expect(try await MailboxRepository(app.database).list().isEmpty)
            let saved = try await client.submit(
                "/admin/mailboxes",
                [
                    ("address", "help@shop.test"), ("ingest_name", "help"), ("language", "en"),
                    ("acknowledgements", "on"),
                ],
                session: admin)
            #expect(saved.status == .seeOther && saved.location == "/admin/mailboxes?flash=mailbox_saved")
            let stored = try #require(try await MailboxRepository(app.database).list().first)
            #expect(stored.language == .en && stored.acknowledgements)
            let edited = try await client.submit(
                "/admin/mailboxes/\(stored.id.uuidString)",
                [
                    ("address", "help@shop.test"), ("ingest_name", "help"), ("display_name", "客服"),
                    ("language", "zh-Hans"),
                ],
                session: admin)
            #expect(edited.status == .seeOther)
            let after = try await MailboxRepository(app.database).get(stored.id)
            #expect(after.displayName == "客服" && !after.acknowledgements && after.language == .zhHans)
            let clash = try await client.submit(
                "/admin/mailboxes", [("address", "HELP@shop.test"), ("ingest_name", "other")], session: admin)
            #expect(clash.status == .conflict && clash.body.contains("另一个邮箱已使用该值。"))
            let english = try await client.page("/admin/mailboxes", session: try await client.webLogin(.admin))
            #expect(english.body.contains("<h2>help@shop.test</h2>") && english.body.contains("no acknowledgements"))
        }
    }
}
