import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Coupons API and quotes")
struct CouponAPITests {
    static func quote(
        _ client: some TestClientProtocol, _ app: TestApp, coupons: [String], customer: String? = nil
    ) async throws -> [String: Any] {
        let codes = coupons.map { "\"\($0)\"" }.joined(separator: ", ")
        let customerMember = customer.map { #", "customer_id": "\#($0)""# } ?? ""
        return try await client.call(
            .post, "/api/v1/quote", as: .agent, app: app,
            json: #"""
                {"basket": {"at": "2026-02-14T12:00:00+08:00", "coupons": [\#(codes)],
                 "lines": [{"sku": "ROSE", "category": "flowers", "quantity": 1, "unit_price": 9900}]}\#(customerMember)}
                """#
        ).body
    }

    static func rejected(_ body: [String: Any]) -> [String] {
        (body["rejected_coupons"] as? [[String: Any]] ?? []).map { "\($0["code"] ?? ""):\($0["reason"] ?? "")" }
    }

    @Test(arguments: Engine.available)
    func aSingleUseCodeIsHonouredOnceAndAPerCustomerCodeNeedsTheCustomer(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await PurchaseAPITests.customer(client, app)
            for promotion in [
                #"{"id": "love", "kind": "amount_off", "off": 2000, "coupon": "LOVE"}"#,
                #"{"id": "vip2", "kind": "amount_off", "off": 500, "coupon": "VIP2"}"#,
            ] {
                _ = try await client.call(.post, "/api/v1/promotions", as: .manager, app: app, json: promotion)
            }
            // MUT
            let made = try await client.call(
                .post, "/api/v1/coupons", as: .manager, app: app,
                json: #"{"code": "LOVE", "description": "情人节", "max_uses": 1}"#)
            // validate
            #expect(made.status == .created && made.body["uses"] as? Int == 0 && made.body["max_uses"] as? Int == 1)
            _ = try await client.call(
                .post, "/api/v1/coupons", as: .manager, app: app, json: #"{"code": "VIP2", "per_customer": 1}"#)

            let first = try await Self.quote(client, app, coupons: ["LOVE", "NOPE"])
            #expect(first["total"] as? Int == 7900 && Self.rejected(first) == ["NOPE:unknown"])
            let path = "/api/v1/coupons/LOVE/uses"
            let use = #"{"customer_id": "\#(customer)", "idempotency_key": "till-1"}"#
            let used = try await client.call(.post, path, as: .agent, app: app, json: use)
            #expect(used.status == .created && used.body["uses"] as? Int == 1)
            let retried = try await client.call(.post, path, as: .agent, app: app, json: use)
            #expect(retried.status == .ok && retried.body["uses"] as? Int == 1)
            let again = try await client.call(
                .post, path, as: .agent, app: app,
                json: #"{"customer_id": "\#(customer)", "idempotency_key": "till-2"}"#)
            #expect(again.status == .conflict && "\(again.body)".contains("used_up"))
            let spent = try await Self.quote(client, app, coupons: ["LOVE"])
            #expect(spent["total"] as? Int == 9900 && Self.rejected(spent) == ["LOVE:used_up"])

            let anonymous = try await Self.quote(client, app, coupons: ["VIP2"])
            #expect(Self.rejected(anonymous) == ["VIP2:needs_customer"] && anonymous["total"] as? Int == 9900)
            let named = try await Self.quote(client, app, coupons: ["VIP2"], customer: customer)
            #expect(named["total"] as? Int == 9400 && Self.rejected(named).isEmpty)
            _ = try await client.call(
                .post, "/api/v1/coupons/VIP2/uses", as: .agent, app: app,
                json: #"{"customer_id": "\#(customer)", "idempotency_key": "till-3"}"#)
            #expect(
                Self.rejected(try await Self.quote(client, app, coupons: ["VIP2"], customer: customer)) == [
                    "VIP2:customer_limit"
                ])

            let off = try await client.call(
                .patch, "/api/v1/coupons/LOVE", as: .admin, app: app, json: #"{"active": false, "max_uses": null}"#)
            #expect(off.status == .ok && off.body["active"] as? Bool == false && off.body["max_uses"] is NSNull)
            #expect(Self.rejected(try await Self.quote(client, app, coupons: ["LOVE"])) == ["LOVE:inactive"])
            let listed = try await client.call(.get, "/api/v1/coupons", as: .agent, app: app)
            #expect(PurchaseAPITests.items(listed).map { $0["code"] as? String } == ["VIP2", "LOVE"])
        }
    }

    @Test(arguments: Engine.available)
    func badCouponsAre4xxAndWriteNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            for body in [
                #"{"code": "a b"}"#, #"{"code": "OK", "max_uses": 0}"#, #"{"code": "OK", "expires_at": "soon"}"#,
            ] {
                let bad = try await client.call(.post, "/api/v1/coupons", as: .manager, app: app, json: body)
                #expect(bad.status == .badRequest, "\(body)")
            }
            #expect(try await SurveyAPITests.count(app, "coupons") == 0)
            let byAgent = try await client.call(.post, "/api/v1/coupons", as: .agent, app: app, json: #"{"code": "X"}"#)
            #expect(byAgent.status == .forbidden)
            _ = try await client.call(.post, "/api/v1/coupons", as: .manager, app: app, json: #"{"code": "X"}"#)
            let twice = try await client.call(.post, "/api/v1/coupons", as: .manager, app: app, json: #"{"code": "X"}"#)
            #expect(twice.status == .conflict)
            let unknownCustomer = try await client.call(
                .post, "/api/v1/coupons/X/uses", as: .agent, app: app,
                json: #"{"customer_id": "\#(UUID().uuidString)", "idempotency_key": "k"}"#)
            #expect(unknownCustomer.status == .badRequest)
            #expect(try await SurveyAPITests.count(app, "coupon_uses") == 0)
            #expect(try await client.call(.get, "/api/v1/coupons/NONE", as: .agent, app: app).status == .notFound)
        }
    }
}
