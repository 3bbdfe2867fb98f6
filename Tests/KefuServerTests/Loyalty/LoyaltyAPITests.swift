import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

@Suite("Loyalty members and points API")
struct LoyaltyAPITests {
    static let clock = PurchaseAPITests.clock

    /// A customer enrolled as a member: (customer id, member id).
    static func member(_ client: some TestClientProtocol, _ app: TestApp) async throws -> (String, String) {
        let customer = try await PurchaseAPITests.customer(client, app)
        let made = try await client.call(
            .post, "/api/v1/loyalty/members", as: .agent, app: app, json: #"{"customer_id": "\#(customer)"}"#)
        #expect(made.status == .created)
        return (customer, try #require(made.body["id"] as? String))
    }

    static func ledger(_ client: some TestClientProtocol, _ app: TestApp, _ member: String) async throws
        -> [[String: Any]]
    {
        PurchaseAPITests.items(
            try await client.call(.get, "/api/v1/loyalty/members/\(member)/ledger", as: .agent, app: app))
    }

    static func balance(_ client: some TestClientProtocol, _ app: TestApp, _ member: String) async throws -> Int? {
        try await client.call(.get, "/api/v1/loyalty/members/\(member)", as: .agent, app: app).body["balance"]
            as? Int
    }

    @Test(arguments: Engine.available)
    func enrolReadAndListMembers(engine: Engine) async throws {
        try await TestApp.run(engine, clock: Self.clock.clock) { app, client in
            let customer = try await PurchaseAPITests.customer(client, app)
            // MUT
            let made = try await client.call(
                .post, "/api/v1/loyalty/members", as: .agent, app: app, json: #"{"customer_id": "\#(customer)"}"#)
            // validate
            #expect(made.status == .created && made.body["number"] as? String == "M00000001")
            #expect(made.body["customer_id"] as? String == customer && made.body["tier"] as? String == "member")
            #expect(made.body["balance"] as? Int == 0 && made.body["consent_at"] as? String != nil)
            let id = try #require(made.body["id"] as? String)
            #expect(made.headers[.location] == "/api/v1/loyalty/members/\(id)")
            let again = try await client.call(
                .post, "/api/v1/loyalty/members", as: .manager, app: app, json: #"{"customer_id": "\#(customer)"}"#)
            #expect(again.status == .conflict)
            let unknown = try await client.call(
                .post, "/api/v1/loyalty/members", as: .agent, app: app,
                json: #"{"customer_id": "\#(UUID().uuidString)"}"#)
            #expect(unknown.status == .badRequest && "\(unknown.body)".contains("customer_id"))
            let found = try await client.call(.get, "/api/v1/loyalty/members?number=M00000001", as: .agent, app: app)
            #expect(PurchaseAPITests.items(found).map { $0["id"] as? String } == [id])
            let none = try await client.call(.get, "/api/v1/loyalty/members?number=7", as: .agent, app: app)
            #expect(PurchaseAPITests.items(none).isEmpty)
            #expect(try await SurveyAPITests.count(app, "loyalty_members") == 1)
            let timeline = try await client.call(
                .get, "/api/v1/customers/\(customer)/timeline", as: .agent, app: app)
            #expect("\(timeline.body)".contains("loyalty.enrolled"))
        }
    }

    @Test(arguments: Engine.available)
    func purchasesEarnRedemptionsAreIdempotentAndAdjustmentsNeedAManager(engine: Engine) async throws {
        try await TestApp.run(engine, clock: Self.clock.clock) { app, client in
            let (customer, member) = try await Self.member(client, app)
            let bought = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: PurchaseAPITests.purchase(customer))
            #expect(bought.status == .created)
            // The same purchase again is stored once and earns once.
            _ = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: PurchaseAPITests.purchase(customer))
            let earned = try await Self.ledger(client, app, member)
            // 33.00 spent at 1 point per unit: 33 points, usable until 365 days after 2026-02-20.
            #expect(
                earned.count == 1 && earned.first?["kind"] as? String == "earn" && earned.first?["points"] as? Int == 33
            )
            #expect(earned.first?["expires_on"] as? String == "2027-02-20")
            #expect(earned.first?["purchase_id"] as? String == bought.body["id"] as? String)

            let path = "/api/v1/loyalty/members/\(member)/redemptions"
            let redeemed = try await client.call(
                .post, path, as: .agent, app: app, json: #"{"points": 20, "idempotency_key": "pos-1"}"#)
            #expect(redeemed.status == .created && redeemed.body["points"] as? Int == -20)
            #expect(redeemed.body["balance"] as? Int == 13)
            let retried = try await client.call(
                .post, path, as: .agent, app: app, json: #"{"points": 20, "idempotency_key": "pos-1"}"#)
            #expect(retried.status == .ok && retried.body["id"] as? String == redeemed.body["id"] as? String)
            let clash = try await client.call(
                .post, path, as: .agent, app: app, json: #"{"points": 5, "idempotency_key": "pos-1"}"#)
            #expect(clash.status == .conflict)
            let tooMany = try await client.call(
                .post, path, as: .agent, app: app, json: #"{"points": 14, "idempotency_key": "pos-2"}"#)
            #expect(tooMany.status == .conflict && "\(tooMany.body)".contains("Only 13 points"))
            let bad = try await client.call(
                .post, path, as: .agent, app: app, json: #"{"points": 0, "idempotency_key": " "}"#)
            #expect(bad.status == .badRequest && "\(bad.body)".contains("idempotency_key"))
            #expect(try await Self.ledger(client, app, member).count == 2)

            let adjustPath = "/api/v1/loyalty/members/\(member)/adjustments"
            let byAgent = try await client.call(
                .post, adjustPath, as: .agent, app: app, json: #"{"points": 5, "reason": "生日"}"#)
            #expect(byAgent.status == .forbidden)
            let noReason = try await client.call(
                .post, adjustPath, as: .manager, app: app, json: #"{"points": 5, "reason": ""}"#)
            #expect(noReason.status == .badRequest)
            let added = try await client.call(
                .post, adjustPath, as: .manager, app: app, json: #"{"points": 7, "reason": "生日礼"}"#)
            #expect(
                added.status == .created && added.body["balance"] as? Int == 20
                    && added.body["kind"] as? String == "adjust")
            let taken = try await client.call(
                .post, adjustPath, as: .admin, app: app, json: #"{"points": -15, "reason": "重复积分"}"#)
            #expect(taken.status == .created && taken.body["balance"] as? Int == 5)
            // The earliest expiry is drawn first: the purchase's lot (2027-02-20) before the adjustment's.
            let draws = try #require(taken.body["draws"] as? [[String: Any]])
            #expect(draws.map { $0["points"] as? Int } == [13, 2] || draws.map { $0["points"] as? Int } == [2, 13])
            let ledger = try await Self.ledger(client, app, member)
            #expect(ledger.reduce(0) { $0 + ($1["points"] as? Int ?? 0) } == 5)
            #expect(try await Self.balance(client, app, member) == 5)
        }
    }

    @Test(arguments: Engine.available)
    func aRefundTakesBackItsPointsOrIsRefusedWhenTheyAreSpent(engine: Engine) async throws {
        try await TestApp.run(engine, clock: Self.clock.clock) { app, client in
            let (customer, member) = try await Self.member(client, app)
            let bought = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: PurchaseAPITests.purchase(customer))
            let purchase = try #require(bought.body["id"] as? String)
            _ = try await client.call(
                .post, "/api/v1/loyalty/members/\(member)/redemptions", as: .agent, app: app,
                json: #"{"points": 30, "idempotency_key": "gift"}"#)
            // Refunding the cake (9.00 of 33.00) takes back floor(33 × 900 / 3300) = 9 points: only 3 are left.
            let cake = try await client.call(
                .post, "/api/v1/purchases/\(purchase)/refunds", as: .agent, app: app,
                json: #"{"items": [{"sku": "CAKE", "quantity": 1}]}"#)
            #expect(cake.status == .conflict && "\(cake.body)".contains("6 are spent"))
            #expect(try await SurveyAPITests.count(app, "purchases") == 1)
            let allow = try await client.call(
                .patch, "/api/v1/settings", as: .admin, app: app,
                json: #"{"loyalty": {"allow_negative_balance": true}}"#)
            #expect(allow.status == .ok)
            let refunded = try await client.call(
                .post, "/api/v1/purchases/\(purchase)/refunds", as: .agent, app: app,
                json: #"{"items": [{"sku": "CAKE", "quantity": 1}]}"#)
            #expect(refunded.status == .created)
            #expect(try await Self.balance(client, app, member) == -6)
            let rest = try await client.call(
                .post, "/api/v1/purchases/\(purchase)/refunds", as: .agent, app: app, json: "{}")
            #expect(rest.status == .created)
            // All refunds together take back exactly the 33 points earned.
            let reversals = try await Self.ledger(client, app, member).filter { $0["kind"] as? String == "reverse" }
            #expect(reversals.map { $0["points"] as? Int ?? 0 }.reduce(0, +) == -33)
            #expect(try await Self.balance(client, app, member) == -30)
        }
    }

    @Test(arguments: Engine.available)
    func lotsExpireOnceAtTheEndOfTheirLastDay(engine: Engine) async throws {
        try await TestApp.run(engine, clock: Self.clock.clock) { app, client in
            _ = try await client.call(
                .patch, "/api/v1/settings", as: .admin, app: app, json: #"{"loyalty": {"points_valid_days": 5}}"#)
            let (customer, member) = try await Self.member(client, app)
            _ = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: PurchaseAPITests.purchase(customer))
            // Bought 2026-02-20 (Asia/Shanghai): usable through 2026-02-25, expired from 2026-02-26.
            let sql = app.database.db.sql
            let now = Self.clock.clock.now()
            #expect(
                try await LoyaltyLedger.expire(before: CalendarDay(dateOnly: "2026-02-25")!, on: sql, now: now) == 0)
            #expect(
                try await LoyaltyLedger.expire(before: CalendarDay(dateOnly: "2026-02-26")!, on: sql, now: now) == 1)
            #expect(
                try await LoyaltyLedger.expire(before: CalendarDay(dateOnly: "2026-02-27")!, on: sql, now: now) == 0)
            let ledger = try await Self.ledger(client, app, member)
            #expect(ledger.first?["kind"] as? String == "expire" && ledger.first?["points"] as? Int == -33)
            #expect(try await Self.balance(client, app, member) == 0)
        }
    }

    @Test(arguments: Engine.available)
    func tiersRiseWithSpendAtOnceAndFallOnlyAtTheYearlyReview(engine: Engine) async throws {
        try await TestApp.run(engine, clock: Self.clock.clock) { app, client in
            let tiers = #"""
                {"loyalty": {"tiers": [{"name": "member", "multiplier": 1},
                  {"name": "silver", "multiplier": 2, "min_spend_12m": 5000, "sla_tier": "VIP", "queue_class": "vip"}]}}
                """#
            let unknown = try await client.call(
                .patch, "/api/v1/settings", as: .admin, app: app,
                json: tiers.replacingOccurrences(of: "VIP", with: "Jade"))
            #expect(unknown.status == .badRequest && "\(unknown.body)".contains("unknown_tier"))
            #expect(try await client.call(.patch, "/api/v1/settings", as: .admin, app: app, json: tiers).status == .ok)
            let (customer, member) = try await Self.member(client, app)
            _ = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: PurchaseAPITests.purchase(customer))
            let second = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app,
                json: PurchaseAPITests.purchase(customer, ref: "A-2", at: "2026-02-25T10:00:00Z"))
            // 66.00 within 12 months reaches silver with the second purchase, which still earns at member rates.
            let read = try await client.call(.get, "/api/v1/loyalty/members/\(member)", as: .agent, app: app)
            #expect(read.body["tier"] as? String == "silver" && read.body["balance"] as? Int == 66)
            // Silver's benefits: double points, the VIP service level on the customer record, the vip queue class.
            let benefits = try #require(read.body["benefits"] as? [String: Any])
            #expect(benefits["multiplier"] as? Double == 2 && benefits["queue_class"] as? String == "vip")
            #expect(benefits["sla_tier"] as? String == "VIP")
            let customerTier = {
                try await client.call(.get, "/api/v1/customers/\(customer)", as: .agent, app: app).body["tier"]
                    as? String
            }
            #expect(try await customerTier() == "VIP")
            let timeline = try await client.call(.get, "/api/v1/customers/\(customer)/timeline", as: .agent, app: app)
            #expect("\(timeline.body)".contains("loyalty.tier_changed"))
            let third = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app,
                json: PurchaseAPITests.purchase(customer, ref: "A-3", at: "2026-02-26T10:00:00Z"))
            #expect(third.status == .created)
            #expect(try await Self.balance(client, app, member) == 132)
            for purchase in [second.body["id"] as? String, third.body["id"] as? String].compactMap(\.self) {
                _ = try await client.call(
                    .post, "/api/v1/purchases/\(purchase)/refunds", as: .agent, app: app, json: "{}")
            }
            // Refunds do not lower the tier; the review on the enrolment's anniversary does.
            #expect(
                try await client.call(.get, "/api/v1/loyalty/members/\(member)", as: .agent, app: app)
                    .body["tier"] as? String == "silver")
            let sql = app.database.db.sql
            let later = Self.clock.clock.now().addingTimeInterval(366 * 86_400)
            #expect(
                try await LoyaltyTierReview.review(on: sql, today: CalendarDay(dateOnly: "2027-02-28")!, now: later)
                    == 0)
            #expect(
                try await LoyaltyTierReview.review(on: sql, today: CalendarDay(dateOnly: "2027-03-01")!, now: later)
                    == 1)
            #expect(
                try await client.call(.get, "/api/v1/loyalty/members/\(member)", as: .agent, app: app)
                    .body["tier"] as? String == "member")
            #expect(try await customerTier() == nil)
        }
    }

    @Test(arguments: Engine.available)
    func unknownMembersAre404AndBadBodies400(engine: Engine) async throws {
        try await TestApp.run(engine, clock: Self.clock.clock) { app, client in
            let missing = UUID().uuidString
            for path in ["/api/v1/loyalty/members/\(missing)", "/api/v1/loyalty/members/\(missing)/ledger"] {
                #expect(try await client.call(.get, path, as: .agent, app: app).status == .notFound)
            }
            let redeem = try await client.call(
                .post, "/api/v1/loyalty/members/\(missing)/redemptions", as: .agent, app: app,
                json: #"{"points": 1, "idempotency_key": "k"}"#)
            #expect(redeem.status == .notFound)
            let malformed = try await client.call(
                .post, "/api/v1/loyalty/members", as: .agent, app: app, json: #"{"customer": 1}"#)
            #expect(malformed.status == .badRequest)
            #expect(try await SurveyAPITests.count(app, "loyalty_members") == 0)
        }
    }
}
