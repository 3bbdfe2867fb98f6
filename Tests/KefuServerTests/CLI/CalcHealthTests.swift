import Foundation
import Testing

/// `kefu calc health`: the worked example of docs/SCIENCE.md through the CLI, weights and half-life
/// flags, and the exit-code contract (bad rows 1 with one line naming the row, bad flags 2).
@Suite("kefu calc health", .enabled(if: KefuCLI.built != nil))
struct CalcHealthTests {
    let cli = KefuCLI.built!
    static let now = ["--now", "2026-03-01T00:00:00Z"]

    /// c1 is the worked example (2.75 − 2√2); c2 a compliment 20 hours old, written with an offset.
    static let events = """
        customer_id,kind,at
        c2,compliment,2026-02-28T12:00:00+08:00
        c1,purchase,2025-12-01T00:00:00Z
        c1,complaint,2025-09-02T00:00:00Z
        c1,compliment,2026-03-01T00:00:00Z
        c1,csat_low,2026-01-15T08:00:00.000+08:00

        """

    /// Runs `kefu calc health --events FILE [--weights FILE] …` with the texts written to files.
    func health(_ arguments: [String], events: String = events, weights: String? = nil) throws -> KefuCLI.Outcome {
        var outcome: KefuCLI.Outcome?
        try withTemporaryDirectory { directory in
            let eventsFile = directory.appendingPathComponent("events.csv")
            try Data(events.utf8).write(to: eventsFile)
            var flags = ["calc", "health", "--events", eventsFile.path]
            if let weights {
                let weightsFile = directory.appendingPathComponent("weights.json")
                try Data(weights.utf8).write(to: weightsFile)
                flags += ["--weights", weightsFile.path]
            }
            outcome = try cli.run(flags + arguments)
        }
        return outcome!
    }

    func customers(_ result: KefuCLI.Outcome) throws -> [[String: Any]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json.count == 1)
        return try #require(json["customers"] as? [[String: Any]])
    }

    @Test func theWorkedExampleSortedByCustomer() throws {
        let result = try health(Self.now + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let items = try customers(result)
        #expect(items.map { $0["customer_id"] as? String } == ["c1", "c2"])
        #expect(items.allSatisfy { Set($0.keys) == ["customer_id", "balance", "events"] })
        let balances = items.map { $0["balance"] as? Double ?? .nan }
        #expect(abs(balances[0] - (2.75 - 2 * 2.0.squareRoot())) < 1e-12, "\(balances)")
        #expect(abs(balances[1] - 3 * pow(0.5, 20.0 / 24 / 90)) < 1e-12, "\(balances)")
        #expect(items.map { $0["events"] as? Int } == [4, 1])
        #expect(result.stdout.hasPrefix("{\n  \"customers\": [\n    {\n      \"customer_id\": \"c1\",\n"))
    }

    @Test func weightsReplaceTheKindsTheyNameAndTheHalfLifeIsAnyPositiveNumber() throws {
        let c1 = Self.events.split(separator: "\n").filter { !$0.hasPrefix("c2") }.joined(separator: "\n")
        // Half-life 45: purchase 2 × 0.25, complaint −3 × 0.0625, compliment 3 × 1, csat_low 0.
        let result = try health(
            Self.now + ["--half-life-days", "45"], events: c1, weights: #"{"purchase": 2, "csat_low": 0}"#)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                {
                  "customers": [
                    {
                      "customer_id": "c1",
                      "balance": 3.3125,
                      "events": 4
                    }
                  ]
                }

                """)
        let fractional = try health(["--now", "2026-03-01T00:00:00Z", "--half-life-days", "0.5"], events: c1)
        #expect(fractional.status == 0, "\(fractional.stderr)")
    }

    @Test func aHeaderAloneGivesNoCustomers() throws {
        let result = try health(Self.now, events: "customer_id,kind,at\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "{\n  \"customers\": []\n}\n")
    }

    @Test func aBadRowExitsOneNamingItsLineAndPrintsNoJSON() throws {
        let rows = [
            "c3,refund,2026-01-01T00:00:00Z",
            "c3,purchase,2026-03-01T08:00:00.001+08:00",
            ",purchase,2026-01-01T00:00:00Z",
            "c3,purchase",
            "c3,purchase,2026-01-01T00:00:00Z,extra",
            "c3,purchase,2026-01-01T00:00:00",
            "c3,purchase,2026-02-30T00:00:00Z",
            "c3,purchase,\"2026-01-01\"T00:00:00Z",
        ]
        for row in rows {
            let result = try health(Self.now, events: "customer_id,kind,at\nc1,purchase,2026-01-01T00:00:00Z\n\(row)\n")
            #expect(result.status == 1, "\(row): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(row)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(row): \(result.stderr)")
            #expect(result.stderr.hasPrefix("kefu: ") && result.stderr.contains("row 3:"), "\(row): \(result.stderr)")
        }
    }

    @Test func unusableFilesExitOne() throws {
        for weights in [#"{"refund": 1}"#, #"{"purchase": "high"}"#, "[1, 2]", "purchase=2"] {
            let result = try health(Self.now, weights: weights)
            #expect(result.status == 1, "\(weights): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        let unknown = try health(Self.now, weights: #"{"refund": 1}"#)
        #expect(unknown.stderr.contains("unknown event kind \"refund\""), "\(unknown.stderr)")
        let missing = try cli.run(["calc", "health", "--events", "/nonexistent/events.csv"] + Self.now)
        #expect(missing.status == 1)
        #expect(missing.stderr == "kefu: cannot read /nonexistent/events.csv\n")
        let noHeader = try health(Self.now, events: "")
        #expect(noHeader.status == 1)
        #expect(noHeader.stdout.isEmpty)
    }

    @Test func invalidFlagValuesExitTwo() throws {
        let cases: [[String]] = [
            ["--now", "2026-03-01T00:00:00"],
            ["--now", "2026-03-01"],
            ["--now", "2026-03-01 00:00:00Z"],
            ["--now", "2026-02-30T00:00:00Z"],
            ["--now", "yesterday"],
            [],
            Self.now + ["--half-life-days", "0"],
            Self.now + ["--half-life-days", "-90"],
            Self.now + ["--half-life-days", "ninety"],
            Self.now + ["--half-life-days", "nan"],
            Self.now + ["--half-life-days", "inf"],
            Self.now + ["--format", "csv"],
            Self.now + ["--format", "xml"],
        ]
        for arguments in cases {
            let result = try health(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(
                result.stderr.hasPrefix("kefu: ") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)"
            )
        }
    }

    @Test func nowTakesAnyRFC3339DateTime() throws {
        for now in ["2026-03-01t08:00:00+08:00", "2026-02-28T19:00:00.000-05:00", "2026-03-01T00:00:00z"] {
            let result = try health(["--now", now])
            #expect(result.status == 0, "\(now): \(result.stderr)")
            let items = try customers(result)
            #expect(items.map { $0["events"] as? Int } == [4, 1], "\(now)")
        }
    }
}
