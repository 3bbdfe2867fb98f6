import Foundation
import HummingbirdTesting
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@testable import KefuServer

/// The queue set-up page `/admin/queue`: admins only, every form saving or saying why and writing nothing.
@Suite("Queue set-up page")
struct AdminQueuePageTests {
    static func branch(_ app: TestApp) async throws -> Branch {
        var profile = BranchProfile()
        profile.name = "徐汇支行"
        return try await BranchRepository(app.database).create(
            profile, by: Attribution(userID: nil, email: "test@example.test", requestID: nil, now: Date()))
    }

    @Test(arguments: Engine.available)
    func onlyAdminsSeeAndUseThePage(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await Self.branch(app)
            let loggedOut = try await client.page("/admin/queue")
            #expect(loggedOut.status == .seeOther && loggedOut.location == "/login")
            let manager = try await client.webLogin(.manager)
            #expect(try await client.page("/admin/queue", session: manager).status == .forbidden)
            let post = try await client.submit(
                "/admin/queue/branches/\(branch.id.uuidString)/policy", [("kind", "fifo")], session: manager)
            #expect(post.status == .forbidden)
            let poster = try await client.submit(
                "/admin/queue/branches/\(branch.id.uuidString)/join-poster", [], session: manager)
            #expect(poster.status == .forbidden && !poster.body.contains("<svg"))
            let anonymous = try await client.submit(
                "/admin/queue/branches/\(branch.id.uuidString)/join-poster", [], session: nil)
            #expect(anonymous.status != .ok && !anonymous.body.contains("<svg"))
            #expect(try await SurveyAPITests.count(app, "signed_links") == 0)
            #expect(try await QueueSetupRepository(app.database).setup(of: branch.id).policy == .priority)
            #expect(!(try await client.page("/customers", session: manager)).body.contains(#"href="/admin/queue""#))

            let admin = try await client.webLogin(.admin, language: "zh-Hans")
            let page = try await client.page("/admin/queue", session: admin)
            #expect(page.status == .ok && page.body.contains("徐汇支行") && page.body.contains(#"href="/admin/queue""#))
            #expect(page.body.contains("先到先叫") && page.body.contains("老化"))
            #expect(try await client.page("/admin/queue?branch=nope", session: admin).status == .badRequest)
            #expect(
                try await client.page("/admin/queue?branch=\(UUID().uuidString)", session: admin).status == .notFound)
        }
    }

    @Test(arguments: Engine.available)
    func anAdminSetsUpServicesCountersPolicySettingsAndKey(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await Self.branch(app)
            let base = "/admin/queue/branches/\(branch.id.uuidString)"
            let setup = QueueSetupRepository(app.database)
            let admin = try await client.webLogin(.admin)
            for (prefix, name) in [("a", "存款"), ("V", "贵宾")] {
                let made = try await client.submit(
                    base + "/services",
                    [
                        ("name", name), ("name_en", ""), ("prefix", prefix), ("expected_service_minutes", "6"),
                        ("target_wait_minutes", "15"), ("active", "1"),
                    ], session: admin)
                #expect(made.status == .seeOther && made.location?.contains("flash=queue_setup_saved") == true)
            }
            let services = try await setup.services(branchID: branch.id, limit: 10, cursor: nil).items
            #expect(services.map(\.prefix).sorted() == ["A", "V"])
            let deposits = try #require(services.first { $0.prefix == "A" })
            let renamed = try await client.submit(
                "/admin/queue/services/\(deposits.id.uuidString)",
                [
                    ("name", "存款"), ("name_en", "Deposits"), ("prefix", "A"), ("expected_service_minutes", "4.5"),
                    ("target_wait_minutes", "10"),
                ], session: admin)
            #expect(renamed.status == .seeOther)
            let updated = try await setup.service(deposits.id)
            #expect(updated.nameEn == "Deposits" && updated.expectedServiceMinutes == 4.5 && !updated.active)

            let counter = try await client.submit(
                base + "/counters", [("name", "1号窗口"), ("service_ids", "V, a")], session: admin)
            #expect(counter.status == .seeOther)
            let made = try #require(try await setup.counters(branchID: branch.id, limit: 10, cursor: nil).items.first)
            #expect(made.serviceIDs == services.sorted { $0.prefix > $1.prefix }.map(\.id) && !made.open)
            let opened = try await client.submit(
                "/admin/queue/counters/\(made.id.uuidString)", [("name", "1号窗口"), ("service_ids", "A"), ("open", "1")],
                session: admin)
            #expect(opened.status == .seeOther)
            let reopened = try await setup.counter(made.id)
            #expect(reopened.open && reopened.serviceIDs == [deposits.id])

            let aged = try await client.submit(
                base + "/policy", [("kind", "aged"), ("aging_minutes", "12")], session: admin)
            #expect(aged.status == .seeOther)
            let settings = try await client.submit(
                base + "/settings",
                [
                    ("class_order", "urgent, vip, express, normal"), ("tier_classes", "VIP = vip\nGold: express"),
                    ("no_show_after_recalls", "3"), ("board_message", "请保管好号票"),
                ], session: admin)
            #expect(settings.status == .seeOther)
            let stored = try await setup.setup(of: branch.id)
            #expect(stored.policy == .aged(agingMinutes: 12) && stored.noShowAfterRecalls == 3)
            #expect(stored.classOrder.classes == [.urgent, .vip, .express, .normal])
            #expect(stored.tierClasses == ["VIP": .vip, "Gold": .express] && stored.boardMessage == "请保管好号票")

            let key = try await client.submit(base + "/device-key", [], session: admin)
            #expect(key.status == .ok)
            let shown = try #require(
                key.body.range(of: #"<code id="queue-new-key">"#).map {
                    String(key.body[$0.upperBound...].prefix { $0 != "<" })
                })
            #expect(key.body.contains("/kiosk/\(branch.id.uuidString)?key=\(shown)"))
            #expect(key.body.contains("/board/\(branch.id.uuidString)?key=\(shown)"))
            #expect(try await setup.acceptsDeviceKey(shown, for: branch.id))
            #expect(!(try await client.page("/admin/queue", session: admin)).body.contains(shown))

            // The remote join poster: a QR code of a new join link, which opens the join page.
            let poster = try await client.submit(base + "/join-poster", [], session: admin)
            #expect(
                poster.status == .ok && poster.body.contains("<svg") && poster.body.contains("Scan to join the line"))
            let url = try #require(
                poster.body.range(of: #"<code id="queue-join-url">"#).map {
                    String(poster.body[$0.upperBound...].prefix { $0 != "<" })
                })
            let path = try #require(url.range(of: "/join/").map { String(url[$0.lowerBound...]) })
            #expect(path.hasPrefix("/join/\(branch.id.uuidString.lowercased())?token="))
            #expect(try await client.page(path).status == .ok)
            // A new poster that retires the older ones: the first stops working.
            let second = try await client.submit(base + "/join-poster", [("retire_old", "1")], session: admin)
            #expect(second.status == .ok && second.body.contains("<svg"))
            #expect(try await client.page(path).status == .notFound)
            let unknown = try await client.submit(
                "/admin/queue/branches/\(UUID().uuidString)/join-poster", [], session: admin)
            #expect(unknown.status == .notFound)

            let audit = try await client.call(.get, "/api/v1/audit?limit=50", as: .admin, app: app)
            let actions = Set((audit.body["items"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String })
            #expect(
                actions.isSuperset(of: [
                    "queue.service.create", "queue.service.update", "queue.counter.create", "queue.counter.update",
                    "queue.branch.update", "queue.join_link.issue", "queue.join_link.retire",
                ]))
        }
    }

    @Test(arguments: Engine.available)
    func refusedFormsSayWhyAndWriteNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await Self.branch(app)
            let base = "/admin/queue/branches/\(branch.id.uuidString)"
            let setup = QueueSetupRepository(app.database)
            let admin = try await client.webLogin(.admin)
            let badService = try await client.submit(
                base + "/services",
                [
                    ("name", ""), ("prefix", "A1"), ("expected_service_minutes", "soon"),
                    ("target_wait_minutes", "15"),
                ], session: admin)
            #expect(badService.status == .unprocessableContent)
            #expect(
                badService.body.contains("A prefix is one to three letters")
                    && badService.body.contains("Enter a number."))
            #expect(badService.body.contains(#"value="A1""#))
            #expect(try await setup.services(branchID: branch.id, limit: 10, cursor: nil).items.isEmpty)

            _ = try await client.submit(
                base + "/services",
                [("name", "存款"), ("prefix", "A"), ("expected_service_minutes", "5"), ("target_wait_minutes", "15")],
                session: admin)
            let twice = try await client.submit(
                base + "/services",
                [("name", "开户"), ("prefix", "A"), ("expected_service_minutes", "5"), ("target_wait_minutes", "15")],
                session: admin)
            #expect(
                twice.status == .conflict && twice.body.contains("Another service of this branch uses this prefix."))
            let badCounter = try await client.submit(
                base + "/counters", [("name", "1号窗口"), ("service_ids", "A, Z")], session: admin)
            #expect(badCounter.status == .unprocessableContent)
            #expect(badCounter.body.contains("No service of this branch has the prefix “Z”."))
            let noServices = try await client.submit(
                base + "/counters", [("name", "1号窗口"), ("service_ids", "")], session: admin)
            #expect(noServices.status == .unprocessableContent && noServices.body.contains("at least one service"))
            #expect(try await setup.counters(branchID: branch.id, limit: 10, cursor: nil).items.isEmpty)

            let noAging = try await client.submit(
                base + "/policy", [("kind", "aged"), ("aging_minutes", "0")], session: admin)
            #expect(noAging.status == .unprocessableContent && noAging.body.contains("outside the allowed range"))
            let badOrder = try await client.submit(
                base + "/settings",
                [
                    ("class_order", "urgent, urgent, vip, normal"), ("tier_classes", ""),
                    ("no_show_after_recalls", "2"), ("board_message", ""),
                ], session: admin)
            #expect(badOrder.status == .unprocessableContent && badOrder.body.contains("List each class once"))
            let badTier = try await client.submit(
                base + "/settings",
                [
                    ("class_order", "urgent, express, vip, normal"), ("tier_classes", "VIP = royal"),
                    ("no_show_after_recalls", "2"),
                ], session: admin)
            #expect(
                badTier.status == .unprocessableContent && badTier.body.contains("Write one “tier = class” per line"))
            let badRecalls = try await client.submit(
                base + "/settings",
                [("class_order", "urgent, express, vip, normal"), ("no_show_after_recalls", "11")], session: admin)
            #expect(badRecalls.status == .unprocessableContent && badRecalls.body.contains("outside the allowed range"))
            #expect(try await setup.setup(of: branch.id) == QueueBranchSetup())
        }
    }
}
