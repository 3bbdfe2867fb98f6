import Foundation
import KefuTestSupport
import Testing

@testable import KefuServer

@Suite("Bonus points campaigns")
struct BonusCampaignTests {
    static let campaigns = #"""
        {"loyalty": {"bonus_campaigns": [
          {"id": "spring", "name": "春节双倍积分", "from": "2026-02-14T00:00:00+08:00", "to": "2026-02-24T00:00:00+08:00",
           "multiplier": 1},
          {"id": "big", "name": "Big basket", "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z",
           "extra_points": 50, "min_total": 3000},
          {"id": "later", "name": "Next year", "from": "2027-01-01T00:00:00Z", "to": "2027-02-01T00:00:00Z",
           "extra_points": 999},
          {"id": "elsewhere", "name": "Other branch", "from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z",
           "extra_points": 7, "branches": ["00000000-0000-0000-0000-000000000001"]}]}}
        """#

    @Test(arguments: Engine.available)
    func campaignsAddTheirOwnLotsOnceAndARefundTakesThemBack(engine: Engine) async throws {
        try await TestApp.run(engine, clock: LoyaltyAPITests.clock.clock) { app, client in
            let set = try await client.call(.patch, "/api/v1/settings", as: .admin, app: app, json: Self.campaigns)
            #expect(set.status == .ok)
            let (customer, member) = try await LoyaltyAPITests.member(client, app)
            let purchase = PurchaseAPITests.purchase(customer)
            let bought = try await client.call(.post, "/api/v1/purchases", as: .agent, app: app, json: purchase)
            _ = try await client.call(.post, "/api/v1/purchases", as: .agent, app: app, json: purchase)
            // 33.00 on 2026-02-20: 33 points, 33 more for the Spring Festival, 50 for a basket of 30.00 or more.
            let ledger = try await LoyaltyAPITests.ledger(client, app, member)
            let id = try #require(bought.body["id"] as? String)
            let source = "purchase:" + id.lowercased()
            #expect(
                Set(ledger.map { "\($0["source"] ?? "")=\($0["points"] ?? "")".lowercased() }) == [
                    "\(source)=33", "\(source):bonus:spring=33", "\(source):bonus:big=50",
                ])
            #expect(ledger.contains { $0["reason"] as? String == "春节双倍积分" })
            #expect(try await LoyaltyAPITests.balance(client, app, member) == 116)
            // After the festival only the basket bonus is left.
            _ = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app,
                json: PurchaseAPITests.purchase(customer, ref: "A-2", at: "2026-02-25T10:00:00Z"))
            #expect(try await LoyaltyAPITests.balance(client, app, member) == 199)
            // A refund of the first takes back all it earned, bonuses included.
            let refund = try await client.call(
                .post, "/api/v1/purchases/\(id)/refunds", as: .agent, app: app, json: "{}")
            #expect(refund.status == .created)
            #expect(try await LoyaltyAPITests.balance(client, app, member) == 83)
        }
    }

    @Test(arguments: Engine.available)
    func badCampaignsAre400AndChangeNothing(engine: Engine) async throws {
        try await TestApp.run(engine, clock: LoyaltyAPITests.clock.clock) { app, client in
            let cases: [(String, String)] = [
                (
                    #"{"id": "x", "name": "X", "from": "2026-02-14", "to": "2026-03-01T00:00:00Z", "extra_points": 5}"#,
                    "loyalty.bonus_campaigns[0].from"
                ),
                (
                    #"{"id": "x", "name": "X", "from": "2026-03-01T00:00:00Z", "to": "2026-02-01T00:00:00Z", "extra_points": 5}"#,
                    "loyalty.bonus_campaigns[0].to"
                ),
                (
                    #"{"id": "x", "name": "X", "from": "2026-02-01T00:00:00Z", "to": "2026-03-01T00:00:00Z"}"#,
                    "loyalty.bonus_campaigns[0].multiplier"
                ),
                (
                    #"{"id": "x y", "name": "X", "from": "2026-02-01T00:00:00Z", "to": "2026-03-01T00:00:00Z", "multiplier": 1}"#,
                    "loyalty.bonus_campaigns[0].id"
                ),
                (
                    #"{"id": "x", "name": "X", "from": "2026-02-01T00:00:00Z", "to": "2026-03-01T00:00:00Z", "multiplier": 1, "tiers": ["gold"]}"#,
                    "loyalty.bonus_campaigns[0].tiers"
                ),
            ]
            for (campaign, field) in cases {
                let refused = try await client.call(
                    .patch, "/api/v1/settings", as: .admin, app: app,
                    json: #"{"loyalty": {"bonus_campaigns": [\#(campaign)]}}"#)
                #expect(refused.status == .badRequest && "\(refused.body)".contains(field), "\(campaign)")
            }
            let managers = try await client.call(
                .patch, "/api/v1/settings", as: .manager, app: app, json: Self.campaigns)
            #expect(managers.status == .forbidden)
            let settings = try await client.call(.get, "/api/v1/settings", as: .admin, app: app)
            let loyalty = try #require(settings.body["loyalty"] as? [String: Any])
            #expect((loyalty["bonus_campaigns"] as? [Any])?.isEmpty == true)
        }
    }
}
