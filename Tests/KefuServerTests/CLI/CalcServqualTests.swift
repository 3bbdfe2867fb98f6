import Foundation
import Testing

/// `kefu calc servqual` and `kefu calc nps`: the worked example of docs/SCIENCE.md §9 through the CLI,
/// the three-column form, BOM and CRLF input, and the exit-code contract (bad rows 1 with one line
/// naming the row and no JSON, bad flags 2).
@Suite("kefu calc servqual and nps", .enabled(if: KefuCLI.built != nil))
struct CalcServqualTests {
    let cli = KefuCLI.built!

    static let points = ["w_tangibles", "w_reliability", "w_responsiveness", "w_assurance", "w_empathy"]

    /// A file with every rating column of `prefixes` (and the point columns when `points`), the given
    /// cells filled and the others empty.
    static func file(_ rows: [[String: String]], prefixes: [String] = ["e", "p"], points: Bool = true) -> String {
        let header =
            ["respondent_id"] + prefixes.flatMap { prefix in (1...22).map { "\(prefix)\($0)" } }
            + (points ? Self.points : [])
        let lines = [header] + rows.map { row in header.map { row[$0] ?? "" } }
        return lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// The worked example: r2 skips p2, r3 answers no responsiveness item and gives no points.
    static let example = file([
        [
            "respondent_id": "r1", "e1": "6", "p1": "4", "e2": "5", "p2": "5", "e5": "7", "p5": "5", "e10": "6",
            "p10": "6", "e14": "5", "p14": "6", "e18": "6", "p18": "3", "w_tangibles": "10", "w_reliability": "40",
            "w_responsiveness": "20", "w_assurance": "20", "w_empathy": "10",
        ],
        [
            "respondent_id": "r2", "e1": "7", "p1": "5", "e2": "6", "e5": "7", "p5": "6", "e10": "5", "p10": "3",
            "e14": "6", "p14": "6", "e18": "5", "p18": "5", "w_tangibles": "20", "w_reliability": "30",
            "w_responsiveness": "20", "w_assurance": "15", "w_empathy": "15",
        ],
        [
            "respondent_id": "r3", "e1": "5", "p1": "5", "e2": "4", "p2": "6", "e5": "6", "p5": "6", "e14": "7",
            "p14": "5", "e18": "4", "p18": "5",
        ],
    ])

    /// Runs `kefu calc COMMAND --input FILE …` with `text` written to the file.
    func calc(_ command: String, _ text: String, _ arguments: [String] = ["--format", "json"]) throws -> KefuCLI.Outcome
    {
        var outcome: KefuCLI.Outcome?
        try withTemporaryDirectory { directory in
            let input = directory.appendingPathComponent("input.csv")
            try Data(text.utf8).write(to: input)
            outcome = try cli.run(["calc", command, "--input", input.path] + arguments)
        }
        return outcome!
    }

    func object(_ result: KefuCLI.Outcome) throws -> [String: Any] {
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func close(_ value: Any?, _ expected: Double) -> Bool {
        guard let value = value as? Double else { return false }
        return abs(value - expected) < 1e-12
    }

    @Test func theWorkedExample() throws {
        let json = try object(try calc("servqual", Self.example))
        #expect(
            Set(json.keys) == [
                "respondents", "items", "dimensions", "unweighted_score", "weighted_score", "weighted_respondents",
            ])
        #expect(json["respondents"] as? Int == 3)
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.map { $0["item"] as? Int } == Array(1...22))
        #expect(items.allSatisfy { Set($0.keys) == ["item", "dimension", "expectation", "perception", "gap", "n"] })
        #expect(items[0]["dimension"] as? String == "tangibles" && items[21]["dimension"] as? String == "empathy")
        #expect(items[1]["n"] as? Int == 2 && items[1]["gap"] as? Double == 1)
        #expect(close(items[0]["gap"], -4.0 / 3) && close(items[0]["perception"], 14.0 / 3))
        #expect(items[2]["n"] as? Int == 0 && items[2]["gap"] is NSNull && items[2]["expectation"] is NSNull)
        let dimensions = try #require(json["dimensions"] as? [String: [String: Any]])
        #expect(Set(dimensions.keys) == ["tangibles", "reliability", "responsiveness", "assurance", "empathy"])
        #expect(close(dimensions["tangibles"]?["gap"], -2.0 / 3))
        #expect(dimensions["tangibles"]?["weight"] as? Double == 15)
        #expect(dimensions["responsiveness"]?["n"] as? Int == 2)
        #expect(dimensions["assurance"]?["weight"] as? Double == 17.5)
        #expect(dimensions.values.allSatisfy { $0["weight_n"] as? Int == 2 })
        #expect(close(json["unweighted_score"], -11.0 / 15))
        #expect(close(json["weighted_score"], -1.05))
        #expect(json["weighted_respondents"] as? Int == 2)
    }

    @Test func withoutPointColumnsTheWeightsAreNull() throws {
        let text = Self.file([["respondent_id": "a", "e3": "5", "p3": "6"]], points: false)
        let json = try object(try calc("servqual", text))
        #expect(json["weighted_score"] is NSNull && json["unweighted_score"] is NSNull)
        let dimensions = try #require(json["dimensions"] as? [String: [String: Any]])
        #expect(dimensions["tangibles"]?["gap"] as? Double == 1 && dimensions["tangibles"]?["weight"] is NSNull)
        #expect(dimensions["empathy"]?["gap"] is NSNull && dimensions["empathy"]?["n"] as? Int == 0)
    }

    @Test func threeColumnAddsTheZoneOfTolerance() throws {
        let text = Self.file(
            [
                ["respondent_id": "x", "a1": "4", "d1": "7", "p1": "5"],
                ["respondent_id": "y", "a1": "5", "d1": "8", "p1": "4"],
                ["respondent_id": "z", "a1": "3", "d1": "6", "p1": "7", "p2": "9"],
            ], prefixes: ["a", "d", "p"], points: false)
        let json = try object(try calc("servqual", text, ["--format", "json", "--three-column"]))
        let items = try #require(json["items"] as? [[String: Any]])
        let zone = ["adequate", "desired", "msa", "mss", "in_zone_share"]
        #expect(Set(items[0].keys) == Set(["item", "dimension", "expectation", "perception", "gap", "n"] + zone))
        #expect(items[0]["adequate"] as? Double == 4 && items[0]["desired"] as? Double == 7)
        #expect(close(items[0]["msa"], 4.0 / 3) && close(items[0]["mss"], -5.0 / 3))
        #expect(close(items[0]["in_zone_share"], 1.0 / 3))
        #expect(items[1]["n"] as? Int == 0 && items[1]["in_zone_share"] is NSNull)
        let tangibles = try #require((json["dimensions"] as? [String: [String: Any]])?["tangibles"])
        #expect(Set(zone).isSubset(of: tangibles.keys))
        #expect(close(tangibles["gap"], -5.0 / 3))
        // The two-column file is refused in three-column mode: e1 is not a three-column column.
        let refused = try calc("servqual", Self.example, ["--three-column"])
        #expect(refused.status == 1 && refused.stdout.isEmpty)
        #expect(refused.stderr.hasSuffix("row 1: unknown column \"e1\"\n"), "\(refused.stderr)")
    }

    @Test func readsABOMAndCRLF() throws {
        let text = "\u{FEFF}" + Self.example.replacingOccurrences(of: "\n", with: "\r\n")
        let json = try object(try calc("servqual", text))
        #expect(close(json["weighted_score"], -1.05))
        let nps = try object(try calc("nps", "\u{FEFF}respondent_id,score\r\na,10\r\nb,\r\nc,3\r\n"))
        #expect(nps["responses"] as? Int == 2 && nps["nps"] as? Double == 0)
    }

    @Test func npsCountsTheThreeGroups() throws {
        let result = try calc("nps", "respondent_id,score\na,10\nb,9\nc,8\nd,6\ne,\nf,0\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                {
                  "responses": 5,
                  "promoters": 2,
                  "passives": 1,
                  "detractors": 2,
                  "nps": 0
                }

                """)
        let none = try object(try calc("nps", "respondent_id,score\na,\n"))
        #expect(none["responses"] as? Int == 0 && none["nps"] is NSNull)
        let all = try object(try calc("nps", "score,respondent_id\n9,a\n10,b\n"))
        #expect(all["nps"] as? Double == 100 && all["promoters"] as? Int == 2)
    }

    @Test func everyBadRowExitsOneWithOneLineNamingTheRow() throws {
        let example = Self.example.split(separator: "\n").map(String.init)
        let header = example[0], r1 = example[1]
        let cases: [(String, String, String)] = [
            ("servqual", Self.example.replacingOccurrences(of: "r2,7,", with: "r2,8,"), "row 3: e1 is 8"),
            ("servqual", Self.example.replacingOccurrences(of: "r2,7,", with: "r2,seven,"), "row 3: e1 \"seven\""),
            ("servqual", Self.example.replacingOccurrences(of: "r2,7,", with: "r2,6.5,"), "row 3: e1 \"6.5\""),
            ("servqual", Self.example + "r4,1\n", "row 5: expected 50 fields, found 2"),
            ("servqual", Self.example.replacingOccurrences(of: "e22", with: "e23"), "row 1: unknown column \"e23\""),
            ("servqual", Self.example.replacingOccurrences(of: ",p22,", with: ",x,"), "row 1: unknown column \"x\""),
            ("servqual", Self.example + r1 + "\n", "row 5: respondent_id \"r1\" already appeared on row 2"),
            ("servqual", Self.example.replacingOccurrences(of: ",15,15\n", with: ",15,16\n"), "row 3: points add up"),
            (
                "servqual", Self.example.replacingOccurrences(of: ",15,15\n", with: ",15,\n"),
                "row 3: points are missing"
            ),
            (
                "servqual", header.replacingOccurrences(of: ",w_empathy", with: "") + "\n",
                "row 1: missing column \"w_empathy\""
            ),
            ("servqual", "respondent_id\nr1\n", "row 1: missing column \"e1\""),
            ("nps", "respondent_id,score\na,11\n", "row 2: score is 11, outside the 0–10 scale"),
            ("nps", "respondent_id,score\na,7\nb,x\n", "row 3: score \"x\" is not a whole number"),
            ("nps", "respondent_id,score\na,7\na,8\n", "row 3: respondent_id \"a\" already appeared on row 2"),
            ("nps", "respondent_id,score,comment\na,7,ok\n", "row 1: unknown column \"comment\""),
            ("nps", "score\n7\n", "row 1: missing column \"respondent_id\""),
            ("nps", "respondent_id,score\na,7,1\n", "row 2: expected 2 fields, found 3"),
        ]
        for (command, text, message) in cases {
            let result = try calc(command, text)
            #expect(result.failed(with: message), "\(message): \(result.status) \(result.stderr)")
        }
    }

    @Test func badFlagsExitTwo() throws {
        for (command, arguments) in [
            ("servqual", ["--format", "csv"]), ("servqual", ["--format", "xml"]), ("nps", ["--format", "csv"]),
            ("nps", ["--three-column"]),
        ] {
            let result = try calc(command, "respondent_id,score\n", arguments)
            #expect(result.status == 2, "\(command) \(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("kefu: ") && result.stderr.split(separator: "\n").count == 1)
        }
        let missing = try cli.run(["calc", "servqual", "--input", "/nonexistent/servqual.csv"])
        #expect(missing.status == 1 && missing.stderr == "kefu: cannot read /nonexistent/servqual.csv\n")
    }
}
