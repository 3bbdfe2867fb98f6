import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Promotions and quotes API")
struct PromotionAPITests {
    static let promotions = [
        #"{"id": "m300", "kind": "threshold", "threshold": 30000, "off": 5000}"#,
        #"{"id": "vip", "kind": "member_price", "prices": {"ROSE": {"VIP": 8900}}}"#,
        #"{"id": "p10", "kind": "percent_off", "percent": 10, "group": "g"}"#,
        #"{"id": "love", "kind": "amount_off", "off": 2000, "coupon": "LOVE", "group": "g"}"#,
    ]

    static let basket = #"""
        {"at": "2026-02-14T12:00:00+08:00", "tier": "VIP", "coupons": ["LOVE"],
         "lines": [{"sku": "ROSE", "category": "flowers", "quantity": 3, "unit_price": 9900},
                   {"sku": "CARD", "category": "gifts", "quantity": 1, "unit_price": 1500}]}
        """#

    @Test(arguments: Engine.available)
    func managersStorePromotionsAndAQuotePricesTheActiveOnes(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            // The server honours a coupon code it knows and that may still be used.
            _ = try await client.call(.post, "/api/v1/coupons", as: .manager, app: app, json: #"{"code": "LOVE"}"#)
            for promotion in Self.promotions {
                // MUT
                let made = try await client.call(.post, "/api/v1/promotions", as: .manager, app: app, json: promotion)
                // validate
                #expect(made.status == .created && made.body["active"] as? Bool == true)
            }
            let one = try await client.call(.get, "/api/v1/promotions/m300", as: .agent, app: app)
            #expect(one.body["kind"] as? String == "threshold" && one.body["threshold"] as? Int == 30000)
            #expect(one.body["repeat"] as? Bool == false && one.body["created_at"] as? String != nil)
            let quoted = try await client.call(
                .post, "/api/v1/quote", as: .agent, app: app, json: #"{"basket": \#(Self.basket), "lang": "zh-Hans"}"#)
            // Member price 89.00 on three roses (−30.00); of the group, 10 % off (−28.20) beats the coupon (−20.00).
            #expect(quoted.status == .ok && quoted.body["subtotal"] as? Int == 31200)
            #expect(quoted.body["total"] as? Int == 25380 && quoted.body["discount"] as? Int == 5820)
            let applied = try #require(quoted.body["applied"] as? [[String: Any]])
            #expect(applied.map { $0["id"] as? String } == ["vip", "p10"])
            #expect((quoted.body["explanation"] as? [String])?.first?.contains("会员价") == true)

            let off = try await client.call(
                .put, "/api/v1/promotions/p10", as: .admin, app: app,
                json: #"{"id": "p10", "kind": "percent_off", "percent": 10, "group": "g", "active": false}"#)
            #expect(off.status == .ok && off.body["active"] as? Bool == false)
            let withCoupon = try await client.call(
                .post, "/api/v1/quote", as: .agent, app: app, json: #"{"basket": \#(Self.basket)}"#)
            #expect(withCoupon.body["total"] as? Int == 26200)
            let listed = try await client.call(.get, "/api/v1/promotions?active=false", as: .agent, app: app)
            #expect(PurchaseAPITests.items(listed).map { $0["id"] as? String } == ["p10"])
            let gone = try await client.call(.delete, "/api/v1/promotions/love", as: .manager, app: app)
            #expect(gone.status == .noContent)
            #expect(try await client.call(.get, "/api/v1/promotions/love", as: .agent, app: app).status == .notFound)
        }
    }

    @Test(arguments: Engine.available)
    func badDefinitionsAndBasketsAre400AndNothingIsStored(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let capped = try await client.call(
                .post, "/api/v1/promotions", as: .manager, app: app,
                json: #"{"id": "m", "kind": "threshold", "threshold": 100, "off": 10, "cap": 30}"#)
            #expect(capped.status == .badRequest && "\(capped.body)".contains("promotion m: cap"))
            let unknown = try await client.call(
                .post, "/api/v1/promotions", as: .manager, app: app, json: #"{"id": "x", "kind": "lottery"}"#)
            #expect(unknown.status == .badRequest)
            #expect(try await SurveyAPITests.count(app, "promotions") == 0)
            _ = try await client.call(.post, "/api/v1/promotions", as: .manager, app: app, json: Self.promotions[0])
            let twice = try await client.call(
                .post, "/api/v1/promotions", as: .manager, app: app, json: Self.promotions[0])
            #expect(twice.status == .conflict)
            let renamed = try await client.call(
                .put, "/api/v1/promotions/m300", as: .manager, app: app,
                json: #"{"id": "other", "kind": "percent_off", "percent": 5}"#)
            #expect(renamed.status == .badRequest)
            let byAgent = try await client.call(
                .post, "/api/v1/promotions", as: .agent, app: app, json: Self.promotions[1])
            #expect(byAgent.status == .forbidden)
            let badLine = try await client.call(
                .post, "/api/v1/quote", as: .agent, app: app,
                json:
                    #"{"basket": {"at": "2026-02-14T12:00:00+08:00", "lines": [{"sku": "A", "category": "c", "quantity": 0, "unit_price": 5}]}}"#
            )
            #expect(badLine.status == .badRequest && "\(badLine.body)".contains("line 1 (sku A): quantity"))
            let noBasket = try await client.call(.post, "/api/v1/quote", as: .agent, app: app, json: "{}")
            #expect(noBasket.status == .badRequest)
            let badLang = try await client.call(
                .post, "/api/v1/quote", as: .agent, app: app, json: #"{"basket": \#(Self.basket), "lang": "fr"}"#)
            #expect(badLang.status == .badRequest)
        }
    }
}
