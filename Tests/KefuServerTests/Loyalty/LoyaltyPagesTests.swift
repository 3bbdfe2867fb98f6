import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Loyalty pages")
struct LoyaltyPagesTests {
    @Test(arguments: Engine.available)
    func anAgentEnrolsFromTheCustomerPageAndRedeemsAManagerAdjusts(engine: Engine) async throws {
        try await TestApp.run(engine, clock: LoyaltyAPITests.clock.clock) { app, client in
            let customer = try await PurchaseAPITests.customer(client, app)
            let agent = try await client.webLogin(.agent)
            let before = try await client.page("/customers/\(customer)", session: agent)
            #expect(before.body.contains(#"id="member-enrol""#))
            // MUT
            let enrolled = try await client.submit("/loyalty/members", [("customer_id", customer)], session: agent)
            // validate
            #expect(enrolled.status == .seeOther)
            let memberURL = try #require(enrolled.location?.components(separatedBy: "?").first)
            _ = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: PurchaseAPITests.purchase(customer))
            let page = try await client.page(memberURL, session: agent)
            #expect(page.status == .ok && page.body.contains("M00000001") && page.body.contains(#">33</strong>"#))
            #expect(page.body.contains("2027-02-20") && !page.body.contains(#"id="adjust""#))
            #expect(page.body.contains(#"<dd id="member-benefits">Points ×1</dd>"#))
            let after = try await client.page("/customers/\(customer)", session: agent)
            #expect(after.body.contains(#"id="member-link""#) && !after.body.contains(#"id="member-enrol""#))
            let again = try await client.submit("/loyalty/members", [("customer_id", customer)], session: agent)
            #expect(again.location?.hasPrefix(memberURL) == true)

            let tooMany = try await client.submit(
                memberURL + "/redeem", [("points", "40"), ("reason", "咖啡券"), ("key", "k1")], session: agent)
            #expect(tooMany.status == .conflict && tooMany.body.contains("Only 33 points"))
            let notANumber = try await client.submit(
                memberURL + "/redeem", [("points", "ten"), ("key", "k1")], session: agent)
            #expect(notANumber.status == .unprocessableContent)
            let redeemed = try await client.submit(
                memberURL + "/redeem", [("points", "30"), ("reason", "咖啡券"), ("key", "k1")], session: agent)
            #expect(redeemed.status == .seeOther)
            let twice = try await client.submit(
                memberURL + "/redeem", [("points", "30"), ("reason", "咖啡券"), ("key", "k1")], session: agent)
            #expect(twice.status == .seeOther)
            #expect(
                try await LoyaltyAPITests.ledger(client, app, memberURL.components(separatedBy: "/").last!).count == 2)
            let refused = try await client.submit(
                memberURL + "/adjust", [("points", "5"), ("reason", "x")], session: agent)
            #expect(refused.status == .forbidden)

            let manager = try await client.webLogin(.manager)
            let noReason = try await client.submit(
                memberURL + "/adjust", [("points", "5"), ("reason", " ")], session: manager)
            #expect(noReason.status == .unprocessableContent && noReason.body.contains("reason"))
            let adjusted = try await client.submit(
                memberURL + "/adjust", [("points", "-3"), ("reason", "重复")], session: manager)
            #expect(adjusted.status == .seeOther)
            let final = try await client.page(memberURL, session: manager)
            #expect(final.body.contains(#">0</strong>"#) && final.body.contains(#"id="adjust""#))
            let list = try await client.page("/loyalty/members?number=M00000001", session: agent)
            #expect(list.status == .ok && list.body.contains("M00000001") && list.body.contains("王小明"))
            let none = try await client.page("/loyalty/members?number=M2", session: agent)
            #expect(none.body.contains("No members yet"))
        }
    }
}
