import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Cross-sell API and pages")
struct CrossSellAPITests {
    /// A purchase of one TEA and, unless `cupless`, one CUP whose name needs escaping.
    static func purchase(_ customer: String, cupless: Bool = false) -> String {
        let cup = cupless ? "" : #", {"sku": "CUP", "name": "杯<b>&\"", "quantity": 1, "unit_price": 500}"#
        return #"""
            {"customer_id": "\#(customer)", "purchased_at": "2026-02-20T10:00:00Z", "total": 1000,
             "items": [{"sku": "TEA", "name": "茶", "quantity": 1, "unit_price": 500}\#(cup)]}
            """#
    }

    /// Three customers bought TEA with CUP, one TEA alone (returned): TEA → CUP and CUP → TEA. Returns the last.
    static func seed(_ client: some TestClientProtocol, _ app: TestApp) async throws -> String {
        for cupless in [false, false, false, true] {
            let customer = try await PurchaseAPITests.customer(client, app)
            let made = try await client.call(
                .post, "/api/v1/purchases", as: .agent, app: app, json: Self.purchase(customer, cupless: cupless))
            #expect(made.status == .created)
            if cupless { return customer }
        }
        Issue.record("unreachable")
        return ""
    }

    @Test(arguments: Engine.available)
    func theReportListsTheRulesRecomputedOnDemandAndACustomerGetsSuggestions(engine: Engine) async throws {
        try await TestApp.run(engine, clock: PurchaseAPITests.clock.clock) { app, client in
            let customer = try await Self.seed(client, app)
            let before = try await client.call(.get, "/api/v1/reports/cross-sell", as: .manager, app: app)
            #expect(before.status == .ok && SurveyReportAPITests.rows(before.body).isEmpty)
            // MUT
            let recomputed = try await client.call(
                .post, "/api/v1/reports/cross-sell/recompute", as: .manager, app: app)
            // validate
            #expect(recomputed.status == .ok && recomputed.body["rules"] as? Int == 2)
            #expect(recomputed.body["computed_at"] as? String == "2026-03-01T00:00:00Z")
            let report = try await client.call(.get, "/api/v1/reports/cross-sell", as: .admin, app: app)
            #expect(report.body["report"] as? String == "cross-sell")
            let filter = try #require(report.body["filter"] as? [String: Any])
            #expect(filter["from"] as? String == "2025-03-02" && filter["to"] as? String == "2026-03-01")
            let rows = SurveyReportAPITests.rows(report.body)
            // Lift 3·4/(3·4) = 1 both ways; CUP → TEA is surer (3 of 3 against 3 of 4).
            #expect(rows.map { $0["antecedent"] as? String } == ["CUP", "TEA"])
            let second = try #require(rows.last)
            #expect(second["consequent"] as? String == "CUP" && second["consequent_name"] as? String == "杯<b>&\"")
            #expect(second["support"] as? Double == 75 && second["confidence"] as? Double == 75)
            #expect(second["lift"] as? Double == 1 && second["baskets"] as? Int == 3)
            #expect(rows.first?["confidence"] as? Double == 100)
            let csv = try await SLAReportAPITests.get(client, app, "/api/v1/reports/cross-sell?format=csv")
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(
                csv.text.hasPrefix(
                    "antecedent,antecedent_name,consequent,consequent_name,support,confidence,lift,baskets\r\n"))
            #expect(csv.text.contains("TEA,茶,CUP,") && csv.headers[.contentDisposition]?.contains("cross-sell") == true)
            var accept = app.headers(.manager, json: false)
            accept[.accept] = "text/csv"
            let accepted = try await client.execute(uri: "/api/v1/reports/cross-sell", method: .get, headers: accept) {
                $0.headers[.contentType]
            }
            #expect(accepted?.hasPrefix("text/csv") == true)
            let svg = try await client.call(.get, "/api/v1/reports/cross-sell?format=svg", as: .manager, app: app)
            #expect(svg.status == .badRequest && svg.headers[.contentType] == "application/problem+json")

            let suggestions = try await client.call(
                .get, "/api/v1/customers/\(customer)/suggestions", as: .agent, app: app)
            let items = try #require(suggestions.body["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["sku"] as? String == "CUP" && items.first?["because"] as? String == "TEA")
            #expect(items.first?["name"] as? String == "杯<b>&\"" && items.first?["confidence"] as? Double == 75)
            #expect(items.first?["lift"] as? Double == 1 && items.first?["support"] as? Double == 75)
            let bought = try await PurchaseAPITests.customer(client, app)
            let none = try await client.call(.get, "/api/v1/customers/\(bought)/suggestions", as: .agent, app: app)
            #expect(none.status == .ok && (none.body["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(arguments: Engine.available)
    func badIDsAnonymousCallersAndAgentsAreRefused(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let malformed = try await client.call(.get, "/api/v1/customers/not-an-id/suggestions", as: .agent, app: app)
            #expect(malformed.status == .badRequest && malformed.headers[.contentType] == "application/problem+json")
            #expect(malformed.body["type"] as? String != nil)
            let unknown = try await client.call(
                .get, "/api/v1/customers/\(UUID().uuidString)/suggestions", as: .agent, app: app)
            #expect(unknown.status == .notFound)
            let badFormat = try await client.call(.get, "/api/v1/reports/cross-sell?format=pdf", as: .manager, app: app)
            #expect(badFormat.status == .badRequest)
            try await client.expectUnauthorized(
                [
                    (.get, "/api/v1/reports/cross-sell"), (.post, "/api/v1/reports/cross-sell/recompute"),
                    (.get, "/api/v1/customers/\(UUID().uuidString)/suggestions"),
                ], app: app)
            for (method, path) in [
                (HTTPRequest.Method.get, "/api/v1/reports/cross-sell"), (.post, "/api/v1/reports/cross-sell/recompute"),
            ] {
                #expect(try await client.call(method, path, as: .agent, app: app).status == .forbidden)
            }
        }
    }

    @Test(arguments: Engine.available)
    func theCustomerPageShowsTheCardEscapedAndTheReportPageRecomputes(engine: Engine) async throws {
        try await TestApp.run(engine, clock: PurchaseAPITests.clock.clock) { app, client in
            let customer = try await Self.seed(client, app)
            let agent = try await client.webLogin(.agent)
            let bare = try await client.page("/customers/\(customer)", session: agent)
            #expect(bare.status == .ok && !bare.body.contains(#"id="cross-sell""#), "no rules yet: no card")
            #expect(try await client.page("/reports/cross-sell", session: agent).status == .forbidden)
            #expect(try await client.submit("/reports/cross-sell/recompute", [], session: agent).status == .forbidden)

            let manager = try await client.webLogin(.manager)
            let empty = try await client.page("/reports/cross-sell", session: manager)
            #expect(empty.status == .ok && empty.body.contains("Not computed yet."))
            #expect(empty.body.contains(#"href="/reports/cross-sell""#), "the reports navigation links it")
            // MUT
            let posted = try await client.submit("/reports/cross-sell/recompute", [], session: manager)
            // validate
            #expect(posted.status == .seeOther && posted.location == "/reports/cross-sell?flash=cross_sell_recomputed")
            let noToken = try await client.submit("/reports/cross-sell/recompute", [], session: manager, csrf: "x")
            #expect(noToken.status == .forbidden)
            let report = try await client.page(posted.location!, session: manager)
            #expect(report.body.contains("The cross-sell rules were recomputed."))
            #expect(report.body.contains("from the purchases of 2025-03-02 to 2026-03-01"))
            #expect(report.body.contains(#"id="report-cross-sell""#) && report.body.contains("杯&lt;b&gt;&amp;&quot;"))

            let page = try await client.page("/customers/\(customer)", session: agent)
            #expect(page.body.contains(#"id="cross-sell""#) && page.body.contains("You may also suggest"))
            #expect(page.body.contains("<strong>杯&lt;b&gt;&amp;&quot;</strong>"))
            #expect(page.body.contains("bought 茶 → also 杯&lt;b&gt;&amp;&quot;") && !page.body.contains("杯<b>"))
            #expect(page.body.contains("75%") && page.body.contains("1.00"))
            let chinese = try await client.page("/customers/\(customer)", session: agent, language: "zh-Hans")
            #expect(chinese.body.contains("推荐搭配") && chinese.body.contains("买了 茶 → 也买"))
        }
    }
}
