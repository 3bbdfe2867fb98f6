import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("The member's own page")
struct MemberCardTests {
    @Test(arguments: Engine.available)
    func aSignedLinkOpensTheCardWithItsQRCodeAndTierProgress(engine: Engine) async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_772_323_200))
        try await TestApp.run(engine, clock: clock.clock) { app, client in
            let tiers = #"""
                {"loyalty": {"tiers": [{"name": "member", "multiplier": 1},
                  {"name": "金卡", "multiplier": 2, "min_spend_12m": 10000, "min_lifetime_points": 500}]}}
                """#
            _ = try await client.call(.patch, "/api/v1/settings", as: .admin, app: app, json: tiers)
            let (customer, member) = try await LoyaltyAPITests.member(client, app)
            _ = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: PurchaseAPITests.purchase(customer))
            _ = try await client.call(
                .post, "/api/v1/coupons", as: .manager, app: app, json: #"{"code": "SPRING", "description": "春季九折"}"#)
            // MUT
            let made = try await client.call(
                .post, "/api/v1/loyalty/members/\(member)/links", as: .agent, app: app, json: "{}")
            // validate
            #expect(made.status == .created)
            let url = try #require(made.body["url"] as? String)
            #expect(url.hasPrefix("/m/") && made.body["expires_at"] as? String == "2027-03-01T00:00:00Z")
            let card = try await client.page(url, language: "zh-CN,zh;q=0.9")
            #expect(card.status == .ok && card.body.contains(#"<html lang="zh-Hans">"#))
            #expect(card.body.contains("M00000001") && card.body.contains(#"<strong id="member-balance">33</strong>"#))
            #expect(card.body.contains(#"<figure class="qr" id="member-qr"><svg"#))
            // 33.00 of 100.00 spent, 33 of 500 points: 67.00 or 467 points to go.
            #expect(card.body.contains("再消费 67.00 CNY或获得 467 积分即可升级为 金卡。"))
            #expect(card.body.contains(#"<ul class="benefits" id="member-benefits"><li>积分 ×1</li></ul>"#))
            #expect(card.body.contains("SPRING · 春季九折"))
            #expect(card.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            let forged = try await client.page("/m/" + String(repeating: "A", count: 43))
            #expect(forged.status == .notFound)
            clock.advance(by: 366 * 86_400)
            let expired = try await client.page(url, language: "en")
            #expect(expired.status == .gone && expired.body.contains("This link has expired"))
        }
    }

    @Test(arguments: Engine.available)
    func staffMakeTheLinkFromTheMemberPage(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (_, member) = try await LoyaltyAPITests.member(client, app)
            let agent = try await client.webLogin(.agent)
            let page = try await client.page("/loyalty/members/\(member)", session: agent)
            #expect(page.body.contains(#"id="member-card-link""#))
            let issued = try await client.submit("/loyalty/members/\(member)/link", [], session: agent)
            #expect(issued.status == .created && issued.body.contains(#"id="issued-member-link""#))
            let unknown = try await client.call(
                .post, "/api/v1/loyalty/members/\(UUID().uuidString)/links", as: .agent, app: app, json: "{}")
            #expect(unknown.status == .notFound)
        }
    }
}
