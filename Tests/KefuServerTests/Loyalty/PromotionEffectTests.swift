import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Promotions on purchases, holdouts and the effectiveness report")
struct PromotionEffectTests {
    static let period = "from=2026-02-01&to=2026-03-01"

    static func purchase(
        _ customer: String, at: String, total: Int, promotions: String = "[]", items: String = "[]"
    ) -> String {
        #"""
        {"customer_id": "\#(customer)", "purchased_at": "\#(at)", "total": \#(total), "items": \#(items),
         "promotions": \#(promotions)}
        """#
    }

    static func record(_ client: some TestClientProtocol, _ app: TestApp, _ json: String) async throws -> String {
        let made = try await client.call(.post, "/api/v1/purchases", as: .agent, app: app, json: json)
        #expect(made.status == .created, "\(made.body)")
        return try #require(made.body["id"] as? String)
    }

    /// A promotion id whose 50 % holdout keeps `treated` in and `held` out.
    static func holdoutID(treated: [String], held: String) throws -> String {
        func out(_ id: String, _ customer: String) -> Bool {
            PromotionHoldout.isHeldOut(promotion: id, customer: UUID(uuidString: customer)!, percent: 50)
        }
        return try #require(
            (0..<1000).map { "hold\($0)" }.first { id in out(id, held) && !treated.contains { out(id, $0) } })
    }

    @Test(arguments: Engine.available)
    func aPurchaseNamesItsPromotionsOnceAndOnlyStoredOnes(engine: Engine) async throws {
        try await TestApp.run(engine, clock: PurchaseAPITests.clock.clock) { app, client in
            let customer = try await PurchaseAPITests.customer(client, app)
            _ = try await client.call(
                .post, "/api/v1/promotions", as: .manager, app: app, json: PromotionAPITests.promotions[0])
            func post(_ promotions: String) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
                let answer = try await client.call(
                    .post, "/api/v1/purchases", as: .agent, app: app,
                    json: Self.purchase(customer, at: "2026-02-20T10:00:00Z", total: 100, promotions: promotions))
                return (answer.status, answer.body)
            }
            func fields(_ body: [String: Any]) -> [String?] {
                (body["errors"] as? [[String: Any]] ?? []).map { $0["field"] as? String }
            }
            let unknown = try await post(#"[{"id": "m300", "discount": 5}, {"id": "nope", "discount": 0}]"#)
            #expect(unknown.status == .badRequest && fields(unknown.body) == ["promotions[1].id"])
            #expect((unknown.body["errors"] as? [[String: Any]])?.first?["code"] as? String == "unknown_promotion")
            let twice = try await post(#"[{"id": "m300", "discount": 5}, {"id": "m300", "discount": -1}]"#)
            #expect(twice.status == .badRequest)
            #expect(fields(twice.body) == ["promotions[1].id", "promotions[1].discount"])
            let none = try await client.call(.get, "/api/v1/purchases?customer_id=\(customer)", as: .agent, app: app)
            #expect(PurchaseAPITests.items(none).isEmpty, "nothing written")

            // MUT
            let made = try await post(#"[{"id": "m300", "discount": 5000}]"#)
            // validate
            #expect(made.status == .created)
            let used = try #require(made.body["promotions"] as? [[String: Any]])
            #expect(
                used.count == 1 && used.first?["id"] as? String == "m300" && used.first?["discount"] as? Int == 5000)
            let id = try #require(made.body["id"] as? String)
            let read = try await client.call(.get, "/api/v1/purchases/\(id)", as: .agent, app: app)
            #expect((read.body["promotions"] as? [[String: Any]])?.first?["discount"] as? Int == 5000)
            let listed = try await client.call(.get, "/api/v1/purchases?customer_id=\(customer)", as: .agent, app: app)
            #expect((PurchaseAPITests.items(listed).first?["promotions"] as? [Any])?.count == 1)
            let plain = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: PurchaseAPITests.purchase(customer))
            #expect((plain.body["promotions"] as? [Any])?.isEmpty == true, "always present")
            try await client.expectUnauthorized([(.post, "/api/v1/purchases")], app: app)
        }
    }

    @Test(arguments: Engine.available)
    func aQuoteLeavesOutThePromotionsTheCustomerIsHeldOutOf(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let treated = try await PurchaseAPITests.customer(client, app)
            let held = try await PurchaseAPITests.customer(client, app)
            let id = try Self.holdoutID(treated: [treated], held: held)
            let made = try await client.call(
                .post, "/api/v1/promotions", as: .manager, app: app,
                json: #"{"id": "\#(id)", "kind": "percent_off", "percent": 10, "holdout_percent": 50}"#)
            #expect(made.status == .created && made.body["holdout_percent"] as? Int == 50)
            let tooMany = try await client.call(
                .post, "/api/v1/promotions", as: .manager, app: app,
                json: #"{"id": "x", "kind": "percent_off", "percent": 10, "holdout_percent": 51}"#)
            #expect(tooMany.status == .badRequest)
            #expect((tooMany.body["errors"] as? [[String: Any]])?.first?["field"] as? String == "holdout_percent")
            func quote(_ customer: String?) async throws -> [String: Any] {
                let member = customer.map { #", "customer_id": "\#($0)""# } ?? ""
                return try await client.call(
                    .post, "/api/v1/quote", as: .agent, app: app,
                    json: #"{"basket": \#(PromotionAPITests.basket)\#(member)}"#
                ).body
            }
            // MUT
            let out = try await quote(held)
            // validate
            #expect(out["held_out"] as? [String] == [id] && out["discount"] as? Int == 0)
            let inside = try await quote(treated)
            #expect(inside["held_out"] as? [String] == [] && (inside["discount"] as? Int ?? 0) > 0)
            let anyone = try await quote(nil)
            #expect(anyone["held_out"] as? [String] == [] && anyone["discount"] as? Int == inside["discount"] as? Int)
            let kept = try await client.call(
                .put, "/api/v1/promotions/\(id)", as: .manager, app: app,
                json: #"{"id": "\#(id)", "kind": "percent_off", "percent": 10, "holdout_percent": 20}"#)
            #expect(kept.status == .ok && kept.body["holdout_percent"] as? Int == 20)
        }
    }

    /// Customers A and B are offered promotion `hold` (50 % holdout), C is held out of it. A's first purchase
    /// (100.00) used m300 (−10.00) and hold (−5.00), then A spent 40.00 more; B, a customer since January, spent
    /// 60.00 with hold (−3.00); C spent 30.00 and got 15.00 back. A answered CSAT 5 and 2.
    static func seed(_ client: some TestClientProtocol, _ app: TestApp) async throws -> String {
        let (a, b, c) = (
            try await PurchaseAPITests.customer(client, app), try await PurchaseAPITests.customer(client, app),
            try await PurchaseAPITests.customer(client, app)
        )
        let hold = try Self.holdoutID(treated: [a, b], held: c)
        _ = try await client.call(
            .post, "/api/v1/promotions", as: .manager, app: app, json: PromotionAPITests.promotions[0])
        _ = try await client.call(
            .post, "/api/v1/promotions", as: .manager, app: app,
            json: #"{"id": "\#(hold)", "kind": "percent_off", "percent": 5, "holdout_percent": 50}"#)
        _ = try await Self.record(client, app, Self.purchase(b, at: "2026-01-05T10:00:00Z", total: 2000))
        _ = try await Self.record(
            client, app,
            Self.purchase(
                a, at: "2026-02-10T10:00:00Z", total: 10000,
                promotions: #"[{"id": "m300", "discount": 1000}, {"id": "\#(hold)", "discount": 500}]"#))
        _ = try await Self.record(client, app, Self.purchase(a, at: "2026-02-12T10:00:00Z", total: 4000))
        _ = try await Self.record(
            client, app,
            Self.purchase(
                b, at: "2026-02-15T10:00:00Z", total: 6000, promotions: #"[{"id": "\#(hold)", "discount": 300}]"#))
        let cs = try await Self.record(
            client, app,
            Self.purchase(
                c, at: "2026-02-20T10:00:00Z", total: 3000,
                items: #"[{"sku": "X", "name": "X", "quantity": 2, "unit_price": 1500}]"#))
        let refund = try await client.call(
            .post, "/api/v1/purchases/\(cs)/refunds", as: .agent, app: app,
            json: #"{"items": [{"sku": "X", "quantity": 1}]}"#)
        #expect(refund.status == .created)
        let csat = try await SurveyAPITests.survey(client, app, #"{"kind": "csat", "title": "满意度"}"#)
        for score in ["5", "2"] {
            try await SurveyReportAPITests.answer(
                client, app, survey: csat, customer: a, ticket: nil, [("score", score)])
        }
        return hold
    }

    @Test(arguments: Engine.available)
    func theReportCountsRedemptionsCostNewCustomersAndTheIncrementAgainstTheHoldout(engine: Engine) async throws {
        try await TestApp.run(engine, clock: PurchaseAPITests.clock.clock) { app, client in
            let hold = try await Self.seed(client, app)
            // MUT
            let report = try await client.call(
                .get, "/api/v1/reports/promotions?\(Self.period)", as: .manager, app: app)
            // validate
            #expect(report.status == .ok && report.body["report"] as? String == "promotions")
            let rows = SurveyReportAPITests.rows(report.body)
            #expect(rows.map { $0["promotion"] as? String } == [hold, "m300"])
            let h = try #require(rows.first)
            #expect(h["kind"] as? String == "percent_off" && h["redemptions"] as? Int == 2)
            #expect(h["customers"] as? Int == 2 && h["discount_cost"] as? Int == 800 && h["revenue"] as? Int == 16000)
            #expect(h["new_customers"] as? Int == 1 && h["acquisition_cost"] as? Int == 800)
            #expect(h["holdout_percent"] as? Int == 50)
            #expect(h["treatment_customers"] as? Int == 2 && h["holdout_customers"] as? Int == 1)
            // A 140.00 and B 60.00 against C's 30.00 − 15.00: (100.00 − 15.00) × 2.
            #expect(h["revenue_per_treatment_customer"] as? Int == 10000)
            #expect(h["revenue_per_holdout_customer"] as? Int == 1500)
            #expect(h["incremental_revenue"] as? Int == 17000)
            #expect(h["satisfaction"] as? Double == 3.5)
            let m = try #require(rows.last)
            #expect(m["redemptions"] as? Int == 1 && m["customers"] as? Int == 1 && m["discount_cost"] as? Int == 1000)
            #expect(m["revenue"] as? Int == 10000 && m["new_customers"] as? Int == 1)
            #expect(m["acquisition_cost"] as? Int == 1000 && m["holdout_percent"] as? Int == 0)
            #expect(m["treatment_customers"] is NSNull && m["incremental_revenue"] is NSNull)
            #expect(m["satisfaction"] as? Double == 3.5)

            let csv = try await SLAReportAPITests.get(
                client, app, "/api/v1/reports/promotions?\(Self.period)&format=csv")
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(
                csv.text.hasPrefix(
                    "promotion,kind,redemptions,customers,discount_cost,revenue,new_customers,acquisition_cost,"
                        + "holdout_percent,treatment_customers,holdout_customers,revenue_per_treatment_customer,"
                        + "revenue_per_holdout_customer,incremental_revenue,satisfaction\r\n"))
            #expect(csv.text.contains("m300,threshold,1,1,1000,10000,1,1000,0,,,,,,3.5\r\n"))
            #expect(csv.text.contains("\(hold),percent_off,2,2,800,16000,1,800,50,2,1,10000,1500,17000,3.5\r\n"))

            let march = try await client.call(
                .get, "/api/v1/reports/promotions?from=2026-03-01&to=2026-03-01", as: .manager, app: app)
            let quiet = SurveyReportAPITests.rows(march.body)
            #expect(quiet.count == 2 && quiet.allSatisfy { $0["redemptions"] as? Int == 0 })
            let bad = try await client.call(.get, "/api/v1/reports/promotions?from=March", as: .manager, app: app)
            #expect(bad.status == .badRequest)
        }
    }

    @Test(arguments: Engine.available)
    func theReportAndItsPageAreForManagers(engine: Engine) async throws {
        try await TestApp.run(engine, clock: PurchaseAPITests.clock.clock) { app, client in
            let hold = try await Self.seed(client, app)
            try await client.expectUnauthorized([(.get, "/api/v1/reports/promotions")], app: app)
            let agentCall = try await client.call(.get, "/api/v1/reports/promotions", as: .agent, app: app)
            #expect(agentCall.status == .forbidden)
            let anonymous = try await client.page("/reports/promotions")
            #expect(anonymous.status == .seeOther && anonymous.location == "/login")
            let agent = try await client.webLogin(.agent)
            #expect(try await client.page("/reports/promotions", session: agent).status == .forbidden)
            #expect(!(try await client.page("/promotions", session: agent).body.contains("/reports/promotions")))

            let manager = try await client.webLogin(.manager)
            // MUT
            let page = try await client.page("/reports/promotions?\(Self.period)", session: manager)
            // validate
            #expect(page.status == .ok && page.body.contains("Promotion effectiveness"))
            #expect(page.body.contains(#"href="/reports/promotions""#), "the reports navigation links it")
            #expect(page.body.contains(hold) && page.body.contains("170.00") && page.body.contains("3.50"))
            #expect(
                page.body.contains("/api/v1/reports/promotions?format=csv") && !page.body.contains(#"name="team_id""#))
            let promotions = try await client.page("/promotions", session: manager)
            #expect(promotions.body.contains(#"id="promotion-effect-link""#))
            let chinese = try await client.page("/reports/promotions", session: manager, language: "zh-Hans")
            #expect(chinese.status == .ok && chinese.body.contains("促销效果评估") && chinese.body.contains("增量收入"))
            let malformed = try await client.page("/reports/promotions?to=x", session: manager)
            #expect(malformed.status == .badRequest)
        }
    }
}
