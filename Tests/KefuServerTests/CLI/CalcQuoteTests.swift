import Foundation
import Testing

/// `kefu calc quote`: the worked example of docs/SCIENCE.md §10 through the CLI in both languages, and the
/// exit-code contract (a malformed basket or promotion exits 1 with one line naming it and no JSON, a bad flag 2).
@Suite("kefu calc quote", .enabled(if: KefuCLI.built != nil))
struct CalcQuoteTests {
    let cli = KefuCLI.built!

    static let basket = """
        {"at": "2026-02-14T12:00:00+08:00", "tier": "VIP", "lines": [
          {"sku": "A1", "category": "tea", "quantity": 2, "unit_price": 12000},
          {"sku": "B2", "category": "ware", "quantity": 1, "unit_price": 8000},
          {"sku": "C3", "category": "food", "quantity": 3, "unit_price": 3000}]}
        """
    static let promotions = """
        [{"id": "vip", "kind": "member_price", "prices": {"A1": {"VIP": 10000}}},
         {"id": "set", "kind": "bundle", "skus": ["A1", "B2"], "price": 15000},
         {"id": "m150", "kind": "threshold", "group": "order", "threshold": 15000, "off": 2000, "repeat": true},
         {"id": "p10", "kind": "percent_off", "group": "order", "percent": 10},
         {"id": "g100", "kind": "gift", "threshold": 10000, "gift": {"sku": "G9", "quantity": 1, "value": 1500},
          "scope": {"categories": ["tea"]}}]
        """

    /// Runs `kefu calc quote` on the two texts written to files.
    func quote(_ basket: String, _ promotions: String, _ arguments: [String] = ["--format", "json"]) throws
        -> KefuCLI.Outcome
    {
        var outcome: KefuCLI.Outcome?
        try withTemporaryDirectory { directory in
            let basketFile = directory.appendingPathComponent("basket.json")
            let promotionsFile = directory.appendingPathComponent("promotions.json")
            try Data(basket.utf8).write(to: basketFile)
            try Data(promotions.utf8).write(to: promotionsFile)
            outcome = try cli.run(
                ["calc", "quote", "--basket", basketFile.path, "--promotions", promotionsFile.path] + arguments)
        }
        return outcome!
    }

    func object(_ result: KefuCLI.Outcome) throws -> [String: Any] {
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func theWorkedExample() throws {
        let json = try object(try quote(Self.basket, Self.promotions))
        #expect(Set(json.keys) == ["subtotal", "discount", "total", "lines", "applied", "gifts", "explanation"])
        #expect(json["subtotal"] as? Int == 41000 && json["discount"] as? Int == 9000 && json["total"] as? Int == 32000)
        let lines = try #require(json["lines"] as? [[String: Any]])
        #expect(
            lines.allSatisfy {
                Set($0.keys) == ["sku", "quantity", "unit_price", "member_unit_price", "bundled_quantity"]
            })
        #expect(lines.map { $0["member_unit_price"] as? Int } == [10000, 8000, 3000])
        #expect(lines.map { $0["bundled_quantity"] as? Int } == [1, 1, 0])
        let applied = try #require(json["applied"] as? [[String: Any]])
        #expect(applied.allSatisfy { Set($0.keys) == ["id", "kind", "discount"] })
        #expect(applied.map { $0["id"] as? String } == ["vip", "set", "g100", "m150"])
        #expect(applied.map { $0["kind"] as? String } == ["member_price", "bundle", "gift", "threshold"])
        #expect(applied.map { $0["discount"] as? Int } == [4000, 3000, 0, 2000])
        let gifts = try #require(json["gifts"] as? [[String: Any]])
        #expect(gifts.count == 1 && Set(gifts[0].keys) == ["sku", "quantity", "value", "promotion"])
        #expect(
            gifts[0]["sku"] as? String == "G9" && gifts[0]["value"] as? Int == 1500
                && gifts[0]["promotion"] as? String == "g100")
        #expect(
            json["explanation"] as? [String] == [
                "Member price (VIP): −40.00", "Bundle A1 + B2 at 150.00: −30.00",
                "Spend 100.00 get G9 ×1 free (worth 15.00)", "Spend 150.00 get 20.00 off: −20.00",
            ])
    }

    @Test func explainsInChinese() throws {
        let json = try object(try quote(Self.basket, Self.promotions, ["--format", "json", "--lang", "zh-Hans"]))
        #expect(
            json["explanation"] as? [String] == [
                "会员价（VIP）：−40.00", "A1+B2组合价150：−30.00", "满100赠G9 ×1（价值15.00）", "满150减20：−20.00",
            ])
        let english = try object(try quote(Self.basket, Self.promotions, ["--lang", "en"]))
        #expect((english["explanation"] as? [String])?.first == "Member price (VIP): −40.00")
    }

    @Test func everyMalformedInputExitsOneWithOneLineNamingIt() throws {
        let line = #"{"sku": "A1", "category": "c", "quantity": 1, "unit_price": 100}"#
        let cases: [(String, String, String)] = [
            (Self.basket, #"[{"id": "x", "kind": "bogo"}]"#, #"promotion x: kind: unknown kind "bogo""#),
            (
                Self.basket,
                #"[{"id": "a", "kind": "percent_off", "percent": 5}, {"id": "a", "kind": "percent_off", "percent": 5}]"#,
                "promotion a: id:"
            ),
            (
                Self.basket, #"[{"id": "m", "kind": "threshold", "threshold": 0, "off": 1}]"#,
                "promotion m: threshold: must be more than 0"
            ),
            (
                Self.basket, #"[{"id": "p", "kind": "percent_off", "percent": 100}]"#,
                "promotion p: percent: must be from 1 to 99"
            ),
            (
                Self.basket, #"[{"id": "b", "kind": "bundle", "skus": ["A1", "A1"], "price": 1}]"#,
                "promotion b: skus[1]: A1 is listed twice"
            ),
            (
                Self.basket, #"[{"id": "m300", "kind": "threshold", "threshold": 30000, "off": 5000, "cap": 9}]"#,
                #"promotion m300: cap: a cap needs "repeat": true"#
            ),
            (
                Self.basket,
                #"[{"id": "w", "kind": "percent_off", "percent": 5, "window": {"from": "2026-02-14T00:00:00Z"}}]"#,
                "promotion w: window.to: required"
            ),
            (
                Self.basket,
                #"[{"id": "w", "kind": "percent_off", "percent": 5, "window": {"from": "2026-02-15T00:00:00Z", "to": "2026-02-14T00:00:00Z"}}]"#,
                "promotion w: window: from is after to"
            ),
            (Self.basket, #"[{"id": "a", "kind": "amount_off", "off": -1}]"#, "promotion a: off: must not be negative"),
            (Self.basket, #"[{"id": "a", "kind": "amount_off", "off": "1"}]"#, "promotion a: off: expected an integer"),
            (Self.basket, #"[{"id": "a", "kind": "amount_off"}]"#, "promotion a: off: required"),
            (Self.basket, #"{"id": "a"}"#, "promotions: expected a JSON array of promotions"),
            (Self.basket, "[", "promotions: not valid JSON"),
            (#"{"lines": []}"#, "[]", "basket: at: required"),
            (
                #"{"at": "2026-02-14T12:00:00+08:00", "lines": [\#(line), \#(line)]}"#, "[]",
                "line 2 (sku A1): sku: already on line 1"
            ),
            (
                #"{"at": "2026-02-14T12:00:00+08:00", "lines": [\#(line.replacingOccurrences(of: "1,", with: "0,"))]}"#,
                "[]", "line 1 (sku A1): quantity: must be at least 1"
            ),
            (
                #"{"at": "2026-02-14T12:00:00+08:00", "lines": [\#(line.replacingOccurrences(of: "100", with: "-100"))]}"#,
                "[]", "line 1 (sku A1): unit_price: must not be negative"
            ),
            (
                #"{"at": "2026-02-14T12:00:00+08:00", "tier": 3, "lines": []}"#, "[]",
                "basket: tier: expected a string or null"
            ),
        ]
        for (basket, promotions, message) in cases {
            let result = try quote(basket, promotions)
            #expect(result.failed(with: message), "\(message): \(result.status) \(result.stderr)")
        }
    }

    @Test func badFlagsExitTwoAndAMissingFileOne() throws {
        for arguments in [["--format", "csv"], ["--format", "xml"], ["--lang", "fr"]] {
            let result = try quote(Self.basket, Self.promotions, arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("kefu: ") && result.stderr.split(separator: "\n").count == 1)
        }
        let missing = try cli.run([
            "calc", "quote", "--basket", "/nonexistent/basket.json", "--promotions", "/nonexistent/p.json",
        ])
        #expect(missing.status == 1 && missing.stderr == "kefu: cannot read /nonexistent/basket.json\n")
    }
}
