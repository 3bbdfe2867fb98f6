import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

/// `GET /api/v1/customers/{id}/health` and the customer page's health card.
@Suite("Customer health API")
struct CustomerHealthAPITests {
    /// 2026-03-01T00:00:00Z.
    static let clock = TestClock(Date(timeIntervalSince1970: 1_772_323_200))

    @Test(arguments: Engine.available)
    func healthListsTheMovementsNewestFirstAndTheCardShowsThem(engine: Engine) async throws {
        try await TestApp.run(engine, clock: Self.clock.clock) { app, client in
            let customer = try await PurchaseAPITests.customer(client, app)
            let empty = try await client.call(.get, "/api/v1/customers/\(customer)/health", as: .agent, app: app)
            #expect(empty.status == .ok && empty.body["balance"] as? Double == 0)
            #expect(empty.body["at_risk"] as? Bool == false && (empty.body["movements"] as? [Any])?.isEmpty == true)
            _ = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: PurchaseAPITests.purchase(customer))
            let ticket = try await client.call(
                .post, "/api/v1/tickets", as: .agent, app: app,
                json: #"""
                    {"customer_id": "\#(customer)", "type": "complaint", "channel": "phone",
                     "subject": "空调不制冷", "description": "客户来电说空调坏了"}
                    """#)
            #expect(ticket.status == .created)

            let health = try await client.call(.get, "/api/v1/customers/\(customer)/health", as: .agent, app: app)
            #expect(health.status == .ok)
            #expect(Set(health.body.keys) == ["balance", "at_risk", "movements"])
            let movements = try #require(health.body["movements"] as? [[String: Any]])
            #expect(movements.allSatisfy { Set($0.keys) == ["kind", "at", "weight", "contribution"] })
            #expect(movements.map { $0["kind"] as? String } == ["complaint", "purchase"])
            #expect(movements.map { $0["at"] as? String } == ["2026-03-01T00:00:00Z", "2026-02-20T10:00:00Z"])
            #expect(movements.map { $0["weight"] as? Double } == [-3, 1])
            // The purchase is 8.583 days old: 0.5^(8.583/90) ≈ 0.9360.
            let purchase = try #require(movements.last?["contribution"] as? Double)
            #expect(abs(purchase - pow(0.5, (8 + 14.0 / 24) / 90)) < 1e-9)
            let balance = try #require(health.body["balance"] as? Double)
            #expect(abs(balance - (purchase - 3)) < 1e-9 && health.body["at_risk"] as? Bool == true)

            let one = try await client.call(
                .get, "/api/v1/customers/\(customer)/health?limit=1", as: .agent, app: app)
            #expect((one.body["movements"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["complaint"])
            #expect(one.body["balance"] as? Double == balance)
            for bad in ["0", "1001", "abc"] {
                let refused = try await client.call(
                    .get, "/api/v1/customers/\(customer)/health?limit=\(bad)", as: .agent, app: app)
                #expect(refused.status == .badRequest, "limit=\(bad)")
            }
            let missing = try await client.call(.get, "/api/v1/customers/\(UUID())/health", as: .manager, app: app)
            #expect(missing.status == .notFound)
            try await client.expectUnauthorized([(.get, "/api/v1/customers/\(customer)/health")], app: app)

            let session = try await client.webLogin(.agent)
            let zh = try await client.page("/customers/\(customer)", session: session, language: "zh-Hans")
            #expect(zh.body.contains("关系健康度") && zh.body.contains("有流失风险"))
            #expect(zh.body.contains("投诉") && zh.body.contains("-3.00") && zh.body.contains("+0.94"))
            #expect(zh.body.contains(String(format: "%.1f", balance)))
            let en = try await client.page("/customers/\(customer)", session: session, language: "en")
            #expect(en.body.contains("Relationship health") && en.body.contains("At risk"))
            #expect(en.body.contains("Complaint") && en.body.contains("Purchase"))
        }
    }

    @Test(arguments: Engine.available)
    func settingsTakeTheHealthSectionWithPerFieldErrors(engine: Engine) async throws {
        try await TestApp.run(engine, clock: Self.clock.clock) { app, client in
            let read = try await client.call(.get, "/api/v1/settings", as: .agent, app: app)
            let health = try #require(read.body["health"] as? [String: Any])
            #expect(health["half_life_days"] as? Double == 90 && health["at_risk_threshold"] as? Double == 0)
            #expect((health["weights"] as? [String: Double])?["csat_low"] == -4)
            let bad = try await client.call(
                .patch, "/api/v1/settings", as: .admin, app: app,
                json: #"{"health": {"weights": {"praise": 1}, "half_life_days": -1}}"#)
            #expect(bad.status == .badRequest)
            let fields = (bad.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["health.weights.praise", "health.half_life_days"])
            let saved = try await client.call(
                .patch, "/api/v1/settings", as: .admin, app: app,
                json: #"{"health": {"weights": {"complaint": -4}, "half_life_days": 45.5, "at_risk_threshold": -1}}"#)
            #expect(saved.status == .ok)
            let after = try #require(saved.body["health"] as? [String: Any])
            #expect(after["half_life_days"] as? Double == 45.5 && after["at_risk_threshold"] as? Double == -1)
            let weights = try #require(after["weights"] as? [String: Double])
            #expect(weights["complaint"] == -4 && weights["compliment"] == 3 && weights.count == 12)
            let admin = try await client.webLogin(.admin)
            let form = try await client.page("/admin/settings", session: admin, language: "en")
            #expect(form.body.contains("Relationship health"))
            #expect(form.body.contains(#"name="health.weights.complaint" value="-4""#))
            #expect(form.body.contains(#"name="health.half_life_days" value="45.5""#))
            let general = [
                ("business_name", "Kefu"), ("time_zone", "Asia/Shanghai"), ("currency", "CNY"), ("phone_region", "CN"),
                ("tiers", "VIP"),
            ]
            let refused = try await client.submit(
                "/admin/settings", general + [("health.half_life_days", "0"), ("health.weights.purchase", "x")],
                session: admin)
            #expect(refused.status == .unprocessableContent && refused.body.contains("Enter a number."))
            #expect(try await SettingsRepository(app.database).get().health.halfLifeDays == 45.5)
            let posted = try await client.submit(
                "/admin/settings", general + [("health.weights.purchase", "2"), ("health.at_risk_threshold", "0.5")],
                session: admin)
            #expect(posted.status == .seeOther)
            let stored = try await SettingsRepository(app.database).get().health
            #expect(stored.weights["purchase"] == 2 && stored.atRiskThreshold == 0.5 && stored.halfLifeDays == 45.5)
            let zero = try await client.submit(
                "/admin/settings", general + [("health.half_life_days", "0")], session: admin)
            #expect(
                zero.status == .unprocessableContent && zero.body.contains("This value is outside the allowed range."))
        }
    }
}
