import Foundation
import KefuTestSupport
import Testing

@testable import KefuServer

@Suite("Referrals")
struct ReferralTests {
    @Test(arguments: Engine.available)
    func aReferredMembersFirstPurchaseRewardsBothOnce(engine: Engine) async throws {
        try await TestApp.run(engine, clock: LoyaltyAPITests.clock.clock) { app, client in
            let settings = #"{"loyalty": {"referral": {"referrer_points": 100, "referee_points": 10}}}"#
            #expect(
                try await client.call(.patch, "/api/v1/settings", as: .admin, app: app, json: settings).status == .ok)
            let (referrerCustomer, referrer) = try await LoyaltyAPITests.member(client, app)
            let read = try await client.call(.get, "/api/v1/loyalty/members/\(referrer)", as: .agent, app: app)
            #expect(read.body["referral_code"] as? String == "M00000001" && read.body["referred_by"] is NSNull)
            let friend = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "李朋友"}"#)
            let friendID = try #require(friend.body["id"] as? String)
            for code in ["M00000009", "abc"] {
                let refused = try await client.call(
                    .post, "/api/v1/loyalty/members", as: .agent, app: app,
                    json: #"{"customer_id": "\#(friendID)", "referral_code": "\#(code)"}"#)
                #expect(refused.status == .badRequest && "\(refused.body)".contains("unknown_referral"))
            }
            // MUT
            let joined = try await client.call(
                .post, "/api/v1/loyalty/members", as: .agent, app: app,
                json: #"{"customer_id": "\#(friendID)", "referral_code": " m1 "}"#)
            // validate
            #expect(joined.status == .created && joined.body["number"] as? String == "M00000002")
            #expect((joined.body["referred_by"] as? String)?.lowercased() == referrer.lowercased())
            let member = try #require(joined.body["id"] as? String)
            for ref in ["B-1", "B-2"] {
                let bought = try await client.call(
                    .post, "/api/v1/purchases", as: .agent, app: app,
                    json: PurchaseAPITests.purchase(friendID, ref: ref))
                #expect(bought.status == .created)
            }
            // 100 for the referrer once; the friend's two purchases earn 33 each and 10 for joining with the code.
            #expect(try await LoyaltyAPITests.balance(client, app, referrer) == 100)
            #expect(try await LoyaltyAPITests.balance(client, app, member) == 76)
            let timeline = try await client.call(
                .get, "/api/v1/customers/\(referrerCustomer)/timeline", as: .agent, app: app)
            #expect("\(timeline.body)".contains("loyalty.referral_rewarded"))
            let ledger = try await LoyaltyAPITests.ledger(client, app, referrer)
            #expect(ledger.count == 1 && ledger.first?["reason"] as? String == "Referral of M00000002")

            // Staff enrol with a code from the customer page; the member's own page tells them their code.
            let agent = try await client.webLogin(.agent)
            let third = try await PurchaseAPITests.customer(client, app)
            let page = try await client.page("/customers/\(third)", session: agent)
            #expect(page.body.contains(#"name="referral_code""#))
            let refused = try await client.submit(
                "/loyalty/members", [("customer_id", third), ("referral_code", "M77")], session: agent)
            #expect(refused.location?.hasPrefix("/customers/\(third)") == true)
            let enrolled = try await client.submit(
                "/loyalty/members", [("customer_id", third), ("referral_code", "M00000002")], session: agent)
            #expect(enrolled.location?.hasPrefix("/loyalty/members/") == true)
            let link = try await client.call(
                .post, "/api/v1/loyalty/members/\(referrer)/links", as: .agent, app: app, json: "{}")
            let card = try await client.page(try #require(link.body["url"] as? String), session: nil)
            #expect(
                card.body.contains("Your referral code is M00000001: a friend who joins with it earns you 100 points"))
        }
    }
}
