import Foundation
import Testing

@testable import KefuCore

/// The basket and promotion JSON of docs/SCIENCE.md §10: defaults, round trips, and one error per malformed
/// input naming the promotion, the line or `basket`, and the field.
@Suite struct PromotionJSONTests {
    /// The one-line error of `decode` on `json`, nil when it decodes.
    func error<T>(_ decode: (Data) throws(PromotionInputError) -> T, _ json: String) -> String? {
        do throws(PromotionInputError) {
            _ = try decode(Data(json.utf8))
            return nil
        } catch {
            return error.description
        }
    }

    func basketError(_ json: String) -> String? { error(Basket.decode, json) }

    func promotionsError(_ json: String) -> String? { error(Promotion.decodeList, json) }

    @Test func leftOutFieldsTakeTheirDefaults() throws {
        let basket = try Basket.decode(
            Data(
                #"{"at": "2026-02-14T12:00:00+08:00", "lines": [{"sku": "A", "category": "c", "quantity": 2, "unit_price": 150}]}"#
                    .utf8))
        #expect(basket.tier == nil && basket.branch == nil && basket.coupons.isEmpty)
        #expect(basket.at == RFC3339.date("2026-02-14T04:00:00Z"))
        #expect(basket.lines == [BasketLine(sku: "A", category: "c", quantity: 2, unitPrice: 150)])
        #expect(basket.subtotal == 300)
        let promotions = try Promotion.decodeList(
            Data(
                """
                [{"id": "m300", "kind": "threshold", "threshold": 30000, "off": 5000},
                 {"id": "a", "kind": "amount_off", "off": 100}]
                """.utf8))
        #expect(promotions[0].priority == 0 && promotions[0].group == nil)
        #expect(promotions[0].kind == .threshold(threshold: 30000, off: 5000, repeats: false, cap: nil))
        #expect(promotions[0].conditions == PromotionConditions())
        #expect(promotions[1].kind == .amountOff(off: 100, minSpend: 0))
    }

    @Test func promotionsRoundTripThroughTheirJSON() throws {
        let json = """
            [{"id": "vip", "kind": "member_price", "priority": 3, "group": "g", "prices": {"A": {"VIP": 1}},
              "tiers": ["VIP"], "branches": ["SH", "BJ"], "coupon": "C1",
              "window": {"from": "2026-02-14T00:00:00+08:00", "to": "2026-02-15T00:00:00Z"}},
             {"id": "b", "kind": "bundle", "skus": ["A", "B"], "price": 10},
             {"id": "p", "kind": "percent_off", "percent": 5, "scope": {"skus": ["A"]}},
             {"id": "t", "kind": "threshold", "threshold": 10, "off": 1, "repeat": true, "cap": 3},
             {"id": "a", "kind": "amount_off", "off": 7, "min_spend": 70, "scope": {"categories": ["c"]}},
             {"id": "g", "kind": "gift", "threshold": 5, "gift": {"sku": "S", "quantity": 2, "value": 9}}]
            """
        let promotions = try Promotion.decodeList(Data(json.utf8))
        #expect(promotions.count == 6)
        #expect(promotions[0].conditions.window?.to == RFC3339.date("2026-02-15T00:00:00Z"))
        #expect(promotions[2].conditions.scope == PromotionScope(skus: ["A"]))
        let encoded = try JSONEncoder().encode(promotions)
        #expect(try Promotion.decodeList(encoded) == promotions)
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [[String: Any]])
        #expect(Set(object[3].keys) == ["id", "kind", "priority", "group", "threshold", "off", "repeat", "cap"])
        let gift = try #require(object[5]["gift"] as? [String: Any])
        #expect(gift["sku"] as? String == "S" && gift["quantity"] as? Int == 2 && gift["value"] as? Int == 9)
        let basket = PromotionFixtures.exampleBasket
        #expect(try Basket.decode(try JSONEncoder().encode(basket)) == basket)
    }

    @Test func everyMalformedPromotionIsOneErrorNamingItAndTheField() {
        let cases: [(String, String)] = [
            (
                #"[{"id": "x", "kind": "bogo"}]"#,
                #"promotion x: kind: unknown kind "bogo" (member_price, bundle, percent_off, threshold, amount_off or gift)"#
            ),
            (
                #"[{"id": "a", "kind": "percent_off", "percent": 5}, {"id": "a", "kind": "percent_off", "percent": 6}]"#,
                "promotion a: id: promotions #1 and #2 share it"
            ),
            (
                #"[{"id": "m", "kind": "threshold", "threshold": 0, "off": 5}]"#,
                "promotion m: threshold: must be more than 0"
            ),
            (
                #"[{"id": "g", "kind": "gift", "threshold": -1, "gift": {"sku": "S", "quantity": 1, "value": 1}}]"#,
                "promotion g: threshold: must be more than 0"
            ),
            (#"[{"id": "p", "kind": "percent_off", "percent": 0}]"#, "promotion p: percent: must be from 1 to 99"),
            (#"[{"id": "p", "kind": "percent_off", "percent": 100}]"#, "promotion p: percent: must be from 1 to 99"),
            (
                #"[{"id": "b", "kind": "bundle", "skus": ["A1", "B", "A1"], "price": 5}]"#,
                "promotion b: skus[2]: A1 is listed twice"
            ),
            (
                #"[{"id": "b", "kind": "bundle", "skus": [], "price": 5}]"#,
                "promotion b: skus: must list at least one sku"
            ),
            (
                #"[{"id": "m300", "kind": "threshold", "threshold": 30000, "off": 5000, "repeat": false, "cap": 100}]"#,
                #"promotion m300: cap: a cap needs "repeat": true"#
            ),
            (
                #"[{"id": "m", "kind": "threshold", "threshold": 3, "off": 1, "cap": 100}]"#,
                #"promotion m: cap: a cap needs "repeat": true"#
            ),
            (
                #"[{"id": "w", "kind": "percent_off", "percent": 5, "window": {"from": "2026-02-14T00:00:00Z"}}]"#,
                "promotion w: window.to: required"
            ),
            (
                #"[{"id": "w", "kind": "percent_off", "percent": 5, "window": {"from": "2026-02-15T00:00:00Z", "to": "2026-02-14T00:00:00Z"}}]"#,
                "promotion w: window: from is after to"
            ),
            (
                #"[{"id": "w", "kind": "percent_off", "percent": 5, "window": {"from": "2026-02-14", "to": "2026-02-15T00:00:00Z"}}]"#,
                #"promotion w: window.from: "2026-02-14" is not an RFC 3339 time with an offset"#
            ),
            (
                #"[{"id": "w", "kind": "percent_off", "percent": 5, "window": "always"}]"#,
                #"promotion w: window: expected an object {"from", "to"}"#
            ),
            (#"[{"id": "a", "kind": "amount_off", "off": -1}]"#, "promotion a: off: must not be negative"),
            (
                #"[{"id": "a", "kind": "amount_off", "off": 1, "min_spend": -5}]"#,
                "promotion a: min_spend: must not be negative"
            ),
            (
                #"[{"id": "b", "kind": "bundle", "skus": ["A"], "price": -5}]"#,
                "promotion b: price: must not be negative"
            ),
            (
                #"[{"id": "v", "kind": "member_price", "prices": {"A1": {"VIP": -1}}}]"#,
                "promotion v: prices.A1.VIP: must not be negative"
            ),
            (
                #"[{"id": "g", "kind": "gift", "threshold": 1, "gift": {"sku": "S", "quantity": 1, "value": -1}}]"#,
                "promotion g: gift.value: must not be negative"
            ),
            (
                #"[{"id": "g", "kind": "gift", "threshold": 1, "gift": {"sku": "S", "quantity": 0, "value": 1}}]"#,
                "promotion g: gift.quantity: must be at least 1"
            ),
            (#"[{"id": "g", "kind": "gift", "threshold": 1}]"#, "promotion g: gift: required"),
            (
                #"[{"id": "g", "kind": "gift", "threshold": 1, "gift": {"quantity": 1, "value": 1}}]"#,
                "promotion g: gift.sku: required"
            ),
            (
                #"[{"id": "a", "kind": "amount_off", "off": 1000000000000001}]"#,
                "promotion a: off: must be at most 1000000000000000"
            ),
            (#"[{"id": "m", "kind": "threshold", "off": 5}]"#, "promotion m: threshold: required"),
            (#"[{"id": "m", "kind": "threshold", "threshold": null, "off": 5}]"#, "promotion m: threshold: required"),
            (
                #"[{"id": "x", "kind": "percent_off", "percent": 5}, {"kind": "percent_off"}]"#,
                "promotion #2: id: required"
            ),
            (#"[{"id": "", "kind": "percent_off", "percent": 5}]"#, "promotion #1: id: empty"),
            (#"[{"id": 7, "kind": "percent_off", "percent": 5}]"#, "promotion #1: id: expected a string"),
            (#"[{"id": "x"}]"#, "promotion x: kind: required"),
            (
                #"[{"id": "m", "kind": "threshold", "threshold": "300", "off": 5}]"#,
                "promotion m: threshold: expected an integer"
            ),
            (
                #"[{"id": "m", "kind": "threshold", "threshold": 30.5, "off": 5}]"#,
                "promotion m: threshold: expected an integer"
            ),
            (
                #"[{"id": "m", "kind": "threshold", "threshold": 3, "off": 5, "repeat": 1}]"#,
                "promotion m: repeat: expected true or false"
            ),
            (
                #"[{"id": "b", "kind": "bundle", "skus": ["A", 2], "price": 5}]"#,
                "promotion b: skus[1]: expected a string"
            ),
            (
                #"[{"id": "b", "kind": "bundle", "skus": "A", "price": 5}]"#,
                "promotion b: skus: expected a list of skus"
            ),
            (
                #"[{"id": "p", "kind": "percent_off", "percent": 5, "priority": "high"}]"#,
                "promotion p: priority: expected an integer"
            ),
            (
                #"[{"id": "p", "kind": "percent_off", "percent": 5, "group": 1}]"#,
                "promotion p: group: expected a string or null"
            ),
            (
                #"[{"id": "p", "kind": "percent_off", "percent": 5, "tiers": "VIP"}]"#,
                "promotion p: tiers: expected a list of tiers"
            ),
            (
                #"[{"id": "p", "kind": "percent_off", "percent": 5, "scope": {"skus": [1]}}]"#,
                "promotion p: scope.skus[0]: expected a string"
            ),
            (
                #"[{"id": "v", "kind": "member_price", "prices": {"A1": {"VIP": "1"}}}]"#,
                "promotion v: prices.A1.VIP: expected an integer price under each sku and tier"
            ),
            (
                #"[{"id": "v", "kind": "member_price", "prices": []}]"#,
                #"promotion v: prices: expected an object {"SKU": {"TIER": price}}"#
            ),
            (#"[7]"#, "promotion #1: expected a promotion object"),
            (#"{"id": "x"}"#, "promotions: expected a JSON array of promotions"),
            (#"[{"id": "x",}"#, "promotions: not valid JSON"),
            ("", "promotions: not valid JSON"),
        ]
        for (json, message) in cases {
            #expect(promotionsError(json) == message, "\(json)")
        }
    }

    @Test func everyMalformedBasketIsOneErrorNamingTheLineOrBasket() {
        let line = #"{"sku": "A1", "category": "c", "quantity": 1, "unit_price": 100}"#
        func basket(_ lines: [String], at: String = #""at": "2026-02-14T12:00:00+08:00", "#) -> String {
            "{" + at + #""lines": ["# + lines.joined(separator: ",") + "]}"
        }
        let cases: [(String, String)] = [
            (#"{"lines": []}"#, "basket: at: required"),
            (#"{"at": null, "lines": []}"#, "basket: at: required"),
            (
                #"{"at": "2026-02-14T12:00:00", "lines": []}"#,
                #"basket: at: "2026-02-14T12:00:00" is not an RFC 3339 time with an offset"#
            ),
            (#"{"at": 5, "lines": []}"#, "basket: at: expected an RFC 3339 time with an offset"),
            (#"{"at": "2026-02-14T12:00:00+08:00"}"#, "basket: lines: required"),
            (#"{"at": "2026-02-14T12:00:00+08:00", "lines": {}}"#, "basket: lines: expected a list of lines"),
            (
                #"{"at": "2026-02-14T12:00:00+08:00", "tier": 1, "lines": []}"#,
                "basket: tier: expected a string or null"
            ),
            (
                #"{"at": "2026-02-14T12:00:00+08:00", "coupons": ["A", 1], "lines": []}"#,
                "basket: coupons[1]: expected a string"
            ),
            (
                basket([
                    line,
                    line.replacingOccurrences(
                        of: #""A1", "category": "c", "quantity": 1"#, with: #""A2", "category": "c", "quantity": 0"#),
                ]),
                "line 2 (sku A2): quantity: must be at least 1"
            ),
            (
                basket([line.replacingOccurrences(of: "100", with: "-1")]),
                "line 1 (sku A1): unit_price: must not be negative"
            ),
            (
                basket([line, line.replacingOccurrences(of: "A1", with: "B"), line]),
                "line 3 (sku A1): sku: already on line 1"
            ),
            (basket([#"{"category": "c", "quantity": 1, "unit_price": 100}"#]), "line 1: sku: required"),
            (basket([line, #"{"sku": "B", "quantity": 1, "unit_price": 100}"#]), "line 2 (sku B): category: required"),
            (
                basket([line.replacingOccurrences(of: #""quantity": 1"#, with: #""quantity": "1""#)]),
                "line 1 (sku A1): quantity: expected an integer"
            ),
            (
                basket([line.replacingOccurrences(of: "100", with: "1.5")]),
                "line 1 (sku A1): unit_price: expected an integer"
            ),
            (basket(["[]"]), "line 1: expected a line object"),
            (
                basket([line.replacingOccurrences(of: #""quantity": 1"#, with: #""quantity": 100000000000000"#)]),
                "line 1 (sku A1): quantity: quantity × unit_price is over 1000000000000000"
            ),
            ("[]", "basket: expected a basket object"),
            ("{", "basket: not valid JSON"),
        ]
        for (json, message) in cases {
            #expect(basketError(json) == message, "\(json)")
        }
        #expect(basketError(basket([line])) == nil)
    }
}
