import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Purchases API")
struct PurchaseAPITests {
    /// 2026-03-01T00:00:00Z.
    static let clock = TestClock(Date(timeIntervalSince1970: 1_772_323_200))

    static func customer(_ client: some TestClientProtocol, _ app: TestApp) async throws -> String {
        let made = try await client.call(.post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "王小明"}"#)
        return try #require(made.body["id"] as? String)
    }

    static func purchase(_ customer: String, ref: String = "A-1", at: String = "2026-02-20T10:00:00Z") -> String {
        #"""
        {"customer_id": "\#(customer)", "purchased_at": "\#(at)", "total": 3300,
         "source": "pos", "external_ref": "\#(ref)",
         "items": [{"sku": "LATTE", "name": "拿铁", "quantity": 2, "unit_price": 1200},
                   {"sku": "CAKE", "name": "蛋糕", "category": "甜点", "quantity": 1, "unit_price": 900}]}
        """#
    }

    static func items(_ response: (status: HTTPResponse.Status, body: [String: Any], headers: HTTPFields))
        -> [[String: Any]]
    {
        response.body["items"] as? [[String: Any]] ?? []
    }

    @Test(arguments: Engine.available)
    func recordAgainReadAndList(engine: Engine) async throws {
        try await TestApp.run(engine, clock: Self.clock.clock) { app, client in
            let customer = try await Self.customer(client, app)
            let created = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: Self.purchase(customer))
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/purchases/\(id)")
            #expect(created.body["currency"] as? String == "CNY" && created.body["total"] as? Int == 3300)
            #expect(created.body["refund_of"] is NSNull && created.body["branch_id"] is NSNull)
            #expect(created.body["purchased_at"] as? String == "2026-02-20T10:00:00Z")
            let lines = created.body["items"] as? [[String: Any]]
            #expect(lines?.map { $0["sku"] as? String } == ["LATTE", "CAKE"])
            #expect(lines?.first?["category"] is NSNull && lines?.last?["unit_price"] as? Int == 900)
            let again = try await client.call(
                .post, "/api/v1/purchases", as: .manager, app: app, json: Self.purchase(customer))
            #expect(again.status == .ok && again.body["id"] as? String == id && again.headers[.location] == nil)
            let fetched = try await client.call(.get, "/api/v1/purchases/\(id)", as: .agent, app: app)
            #expect(fetched.status == .ok && fetched.body["external_ref"] as? String == "A-1")
            let second = try await client.call(
                .post, "/api/v1/purchases", as: .admin, app: app,
                json: Self.purchase(customer, ref: "A-2", at: "2026-02-25T10:00:00Z"))
            #expect(second.status == .created)
            let page = try await client.call(
                .get, "/api/v1/purchases?customer_id=\(customer)&limit=1", as: .agent, app: app)
            #expect(Self.items(page).map { $0["id"] as? String } == [second.body["id"] as? String])
            let cursor = try #require(page.body["next_cursor"] as? String)
            let next = try await client.call(
                .get, "/api/v1/purchases?customer_id=\(customer)&limit=1&cursor=\(cursor)", as: .agent, app: app)
            #expect(Self.items(next).map { $0["id"] as? String } == [id] && next.body["next_cursor"] is NSNull)
            let record = try await client.call(.get, "/api/v1/customers/\(customer)", as: .agent, app: app)
            #expect(record.body["stage"] as? String == "returning")
            let timeline = try await client.call(
                .get, "/api/v1/customers/\(customer)/timeline", as: .agent, app: app)
            #expect(Self.items(timeline).filter { $0["kind"] as? String == "purchase.recorded" }.count == 2)
        }
    }

    @Test(arguments: Engine.available)
    func badInputIs400AndWritesNothing(engine: Engine) async throws {
        try await TestApp.run(engine, clock: Self.clock.clock) { app, client in
            let customer = try await Self.customer(client, app)
            let missing = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app,
                json:
                    #"{"customer_id": "\#(customer)", "currency": "yuan", "items": [{"sku": "", "name": "x", "quantity": 0, "unit_price": 1}]}"#
            )
            #expect(missing.status == .badRequest)
            #expect(missing.headers[.contentType] == "application/problem+json")
            let fields = (missing.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["purchased_at", "total", "currency", "items[0].sku", "items[0].quantity"])
            let unknown = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: Self.purchase(UUID().uuidString))
            #expect(unknown.status == .badRequest)
            #expect((unknown.body["errors"] as? [[String: Any]])?.first?["field"] as? String == "customer_id")
            let noCustomer = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: #"{"total": 1}"#)
            #expect(noCustomer.status == .badRequest)
            let future = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app,
                json: Self.purchase(customer, at: "2026-03-02T00:00:00Z"))
            #expect(future.status == .badRequest)
            let list = try await client.call(.get, "/api/v1/purchases?customer_id=\(customer)", as: .agent, app: app)
            #expect(list.status == .ok && Self.items(list).isEmpty)
            let noFilter = try await client.call(.get, "/api/v1/purchases", as: .agent, app: app)
            #expect(noFilter.status == .badRequest)
            let badFilter = try await client.call(.get, "/api/v1/purchases?customer_id=x", as: .agent, app: app)
            #expect(badFilter.status == .badRequest)
            let timeline = try await client.call(
                .get, "/api/v1/customers/\(customer)/timeline", as: .agent, app: app)
            #expect(Self.items(timeline).map { $0["kind"] as? String } == ["customer.created"])
            let missingOne = try await client.call(.get, "/api/v1/purchases/\(UUID())", as: .agent, app: app)
            #expect(missingOne.status == .notFound)
        }
    }

    @Test(arguments: Engine.available)
    func refundsByLineAndInFull(engine: Engine) async throws {
        try await TestApp.run(engine, clock: Self.clock.clock) { app, client in
            let customer = try await Self.customer(client, app)
            let made = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: Self.purchase(customer))
            let id = try #require(made.body["id"] as? String)
            let part = try await client.call(
                .post, "/api/v1/purchases/\(id)/refunds", as: .agent, app: app,
                json: #"{"items": [{"sku": "CAKE", "quantity": 1}]}"#)
            #expect(part.status == .created)
            let refundID = try #require(part.body["id"] as? String)
            #expect(part.headers[.location] == "/api/v1/purchases/\(refundID)")
            #expect(part.body["total"] as? Int == -900 && part.body["refund_of"] as? String == id)
            let tooMany = try await client.call(
                .post, "/api/v1/purchases/\(id)/refunds", as: .agent, app: app,
                json: #"{"items": [{"sku": "CAKE", "quantity": 1}, {"sku": "TEA", "quantity": 1}]}"#)
            #expect(tooMany.status == .badRequest)
            let fields = (tooMany.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["items[0].quantity", "items[1].sku"])
            let full = try await client.call(.post, "/api/v1/purchases/\(id)/refunds", as: .agent, app: app, json: "{}")
            #expect(full.status == .created && full.body["total"] as? Int == -2400)
            let again = try await client.call(
                .post, "/api/v1/purchases/\(id)/refunds", as: .agent, app: app, json: "{}")
            #expect(again.status == .conflict)
            let ofRefund = try await client.call(
                .post, "/api/v1/purchases/\(refundID)/refunds", as: .agent, app: app, json: "{}")
            #expect(ofRefund.status == .conflict)
            let unknown = try await client.call(
                .post, "/api/v1/purchases/\(UUID())/refunds", as: .agent, app: app, json: "{}")
            #expect(unknown.status == .notFound)
            let list = try await client.call(.get, "/api/v1/purchases?customer_id=\(customer)", as: .agent, app: app)
            #expect(Self.items(list).count == 3)
        }
    }

    @Test(arguments: Engine.available)
    func anonymousCallersAreRefusedAndTheCustomerPageListsPurchases(engine: Engine) async throws {
        try await TestApp.run(engine, clock: Self.clock.clock) { app, client in
            let customer = try await Self.customer(client, app)
            try await client.expectUnauthorized(
                [
                    (HTTPRequest.Method.get, "/api/v1/purchases?customer_id=\(customer)"),
                    (.post, "/api/v1/purchases"), (.get, "/api/v1/purchases/\(UUID())"),
                    (.post, "/api/v1/purchases/\(UUID())/refunds"),
                ], app: app)
            let list = try await client.call(.get, "/api/v1/purchases?customer_id=\(customer)", as: .agent, app: app)
            #expect(Self.items(list).isEmpty)
            let session = try await client.webLogin(.agent)
            let empty = try await client.page("/customers/\(customer)", session: session, language: "zh-Hans")
            #expect(empty.body.contains("暂无消费记录"))
            let made = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: Self.purchase(customer))
            let id = try #require(made.body["id"] as? String)
            _ = try await client.call(.post, "/api/v1/purchases/\(id)/refunds", as: .agent, app: app, json: "{}")
            let zh = try await client.page("/customers/\(customer)", session: session, language: "zh-Hans")
            #expect(zh.body.contains("消费记录") && zh.body.contains("CNY 33.00") && zh.body.contains("CNY -33.00"))
            #expect(zh.body.contains("拿铁 ×2") && zh.body.contains("退款"))
            let en = try await client.page("/customers/\(customer)", session: session, language: "en")
            #expect(en.body.contains("Purchases") && en.body.contains("Refund"))
        }
    }
}
