import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Promotions page")
struct PromotionsPageTests {
    @Test(arguments: Engine.available)
    func aManagerSavesPromotionsAndAnAgentPricesABasket(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let manager = try await client.webLogin(.manager)
            // MUT
            let saved = try await client.submit(
                "/promotions",
                [
                    ("definition", #"{"id": "m300", "kind": "threshold", "threshold": 30000, "off": 5000}"#),
                    ("active", "1"),
                ],
                session: manager)
            // validate
            #expect(saved.status == .seeOther)
            let refused = try await client.submit(
                "/promotions", [("definition", #"{"id": "m", "kind": "threshold", "threshold": 0, "off": 5}"#)],
                session: manager)
            #expect(refused.status == .unprocessableContent && refused.body.contains("promotion m: threshold"))
            let replaced = try await client.submit(
                "/promotions",
                [
                    ("definition", #"{"id": "m300", "kind": "threshold", "threshold": 20000, "off": 5000}"#),
                    ("active", "1"),
                ],
                session: manager)
            #expect(replaced.status == .seeOther)
            #expect(try await SurveyAPITests.count(app, "promotions") == 1)

            let agent = try await client.webLogin(.agent, language: "zh-Hans")
            let page = try await client.page("/promotions", session: agent)
            #expect(page.status == .ok && page.body.contains(#"id="promotion-m300""#))
            #expect(!page.body.contains(#"id="promotion-editor""#) && page.body.contains(#"id="quote-preview""#))
            let priced = try await client.submit(
                "/promotions/preview", [("basket", PromotionsPage.sampleBasket)], session: agent)
            // Three roses at 99.00 reach the 200.00 threshold: 297.00 − 50.00.
            #expect(priced.status == .ok && priced.body.contains(#"<strong id="quote-total">247.00</strong>"#))
            #expect(priced.body.contains("满200减50"))
            // The promotion being edited is priced as if saved, in place of the stored one with its id.
            let draft = #"{"id": "m300", "kind": "threshold", "threshold": 20000, "off": 8000}"#
            let withDraft = try await client.submit(
                "/promotions/preview", [("basket", PromotionsPage.sampleBasket), ("definition", draft)],
                session: agent)
            #expect(withDraft.body.contains(#"<strong id="quote-total">217.00</strong>"#))
            #expect(withDraft.body.contains(#"id="quote-output""#) && withDraft.body.contains(#"id="quote-draft""#))
            let badDraft = try await client.submit(
                "/promotions/preview",
                [("basket", PromotionsPage.sampleBasket), ("definition", #"{"id": "m300", "kind": "threshold"}"#)],
                session: agent)
            #expect(badDraft.status == .unprocessableContent && badDraft.body.contains("m300"))
            #expect(try await SurveyAPITests.count(app, "promotions") == 1)
            let badBasket = try await client.submit("/promotions/preview", [("basket", "{}")], session: agent)
            #expect(badBasket.status == .unprocessableContent && badBasket.body.contains("basket: at"))
            let byAgent = try await client.submit(
                "/promotions", [("definition", #"{"id": "x", "kind": "percent_off", "percent": 5}"#)], session: agent)
            #expect(byAgent.status == .forbidden)
            let deleted = try await client.submit("/promotions/m300/delete", [], session: manager)
            #expect(deleted.status == .seeOther)
            #expect(try await SurveyAPITests.count(app, "promotions") == 0)
        }
    }
}
