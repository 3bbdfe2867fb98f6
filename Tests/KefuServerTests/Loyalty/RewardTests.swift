import Foundation
import KefuTestSupport
import Testing

@testable import KefuServer

@Suite("Rewards bought with points")
struct RewardTests {
    static let rewards = #"""
        {"loyalty": {"rewards": [
          {"id": "coffee", "name": "免费咖啡", "points": 20, "kind": "gift", "value": 1200, "sku": "LATTE"},
          {"id": "off5", "name": "5 元抵扣", "points": 5, "kind": "discount", "value": 500}]}}
        """#

    @Test(arguments: Engine.available)
    func aRedemptionBuysARewardOnceAtItsPrice(engine: Engine) async throws {
        try await TestApp.run(engine, clock: LoyaltyAPITests.clock.clock) { app, client in
            #expect(
                try await client.call(.patch, "/api/v1/settings", as: .admin, app: app, json: Self.rewards).status
                    == .ok)
            let (customer, member) = try await LoyaltyAPITests.member(client, app)
            _ = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: PurchaseAPITests.purchase(customer))
            let path = "/api/v1/loyalty/members/\(member)/redemptions"
            let bad: [(String, String)] = [
                (#"{"reward": "tea", "idempotency_key": "r0"}"#, "unknown_reward"),
                (#"{"reward": "coffee", "points": 10, "idempotency_key": "r0"}"#, "reward_price"),
                (#"{"idempotency_key": "r0"}"#, "out_of_range"),
            ]
            for (body, code) in bad {
                let refused = try await client.call(.post, path, as: .agent, app: app, json: body)
                #expect(refused.status == .badRequest && "\(refused.body)".contains(code), "\(body)")
            }
            #expect(try await LoyaltyAPITests.balance(client, app, member) == 33)
            // MUT
            let coffee = try await client.call(
                .post, path, as: .agent, app: app, json: #"{"reward": "coffee", "idempotency_key": "r1"}"#)
            // validate
            #expect(coffee.status == .created && coffee.body["points"] as? Int == -20)
            #expect(coffee.body["reward"] as? String == "coffee" && coffee.body["reason"] as? String == "免费咖啡")
            #expect(coffee.body["balance"] as? Int == 13)
            let again = try await client.call(
                .post, path, as: .agent, app: app, json: #"{"reward": "coffee", "points": 20, "idempotency_key": "r1"}"#
            )
            #expect(again.status == .ok && again.body["id"] as? String == coffee.body["id"] as? String)
            let other = try await client.call(
                .post, path, as: .agent, app: app, json: #"{"points": 20, "idempotency_key": "r1"}"#)
            #expect(other.status == .conflict)
            #expect(try await LoyaltyAPITests.balance(client, app, member) == 13)
            let anonymous = try await client.call(
                .post, path, as: nil, app: app, json: #"{"reward": "off5", "idempotency_key": "r2"}"#)
            #expect(anonymous.status == .unauthorized)

            // The member page offers the rewards and redeems one.
            let agent = try await client.webLogin(.agent)
            let page = try await client.page("/loyalty/members/\(member)", session: agent)
            #expect(page.body.contains(#"<option value="off5">5 元抵扣 · 5 points</option>"#))
            let redeemed = try await client.submit(
                "/loyalty/members/\(member)/redeem", [("reward", "off5"), ("points", ""), ("key", "k9")], session: agent
            )
            #expect(redeemed.status == .seeOther)
            #expect(try await LoyaltyAPITests.balance(client, app, member) == 8)
        }
    }

    @Test(arguments: Engine.available)
    func badRewardsAre400(engine: Engine) async throws {
        try await TestApp.run(engine, clock: LoyaltyAPITests.clock.clock) { app, client in
            let cases: [(String, String)] = [
                (#"{"id": "g", "name": "Gift", "points": 5, "kind": "gift", "value": 100}"#, "loyalty.rewards[0].sku"),
                (
                    #"{"id": "g", "name": "Gift", "points": 0, "kind": "discount", "value": 100}"#,
                    "loyalty.rewards[0].points"
                ),
                (
                    #"{"id": "", "name": "Gift", "points": 5, "kind": "discount", "value": 100}"#,
                    "loyalty.rewards[0].id"
                ),
            ]
            for (reward, field) in cases {
                let refused = try await client.call(
                    .patch, "/api/v1/settings", as: .admin, app: app, json: #"{"loyalty": {"rewards": [\#(reward)]}}"#)
                #expect(refused.status == .badRequest && "\(refused.body)".contains(field), "\(reward)")
            }
        }
    }
}
