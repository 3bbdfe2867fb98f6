import Foundation
import Testing

/// `kefu calc due`: the issue's example, JSON output, and which bad input exits 2 and which 1.
@Suite("kefu calc due", .enabled(if: KefuCLI.built != nil))
struct CalcDueTests {
    let cli = KefuCLI.built!

    static let calendar = """
        {"time_zone": "Asia/Shanghai",
         "weekly": {"mon": [["09:00","12:00"],["13:00","18:00"]], "tue": [["09:00","12:00"],["13:00","18:00"]],
                    "wed": [["09:00","12:00"],["13:00","18:00"]], "thu": [["09:00","12:00"],["13:00","18:00"]],
                    "fri": [["09:00","12:00"],["13:00","18:00"]], "sat": [], "sun": []},
         "holidays": [], "extra_workdays": []}
        """

    /// Runs `kefu calc due --calendar FILE …` with `json` written to FILE.
    func due(_ arguments: [String], calendar json: String = calendar) throws -> KefuCLI.Outcome {
        var outcome: KefuCLI.Outcome?
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("calendar.json")
            try Data(json.utf8).write(to: file)
            outcome = try cli.run(["calc", "due", "--calendar", file.path] + arguments)
        }
        return outcome!
    }

    @Test func printsTheIssuesExampleAsOneUTCLine() throws {
        let result = try due(["--from", "2026-01-30T17:00:00+08:00", "--minutes", "240"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "2026-02-02T04:00:00Z\n")
    }

    @Test func printsJSONWithPausesApplied() throws {
        let result = try due([
            "--from", "2026-01-30T17:00:00+08:00", "--minutes", "240", "--format", "json",
            "--pause", "2026-01-30T17:30:00+08:00/2026-02-02T10:00:00+08:00",
            "--pause", "2026-02-02T01:00:00Z/2026-02-02T02:00:00Z",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["due"] as? String == "2026-02-02T06:30:00Z")
        #expect(json["business_minutes"] as? Int == 240)
        #expect(json.count == 2)
    }

    @Test func usageErrorsExitTwo() throws {
        let from = ["--from", "2026-01-30T17:00:00+08:00", "--minutes", "240"]
        let cases: [(arguments: [String], calendar: String)] = [
            (["--from", "2026-01-30T17:00:00", "--minutes", "240"], Self.calendar),
            (["--from", "2026-01-30", "--minutes", "240"], Self.calendar),
            (from + ["--pause", "2026-01-30T18:00:00+08:00"], Self.calendar),
            (from + ["--pause", "2026-01-30T18:00:00+08:00/2026-01-30T19:00:00"], Self.calendar),
            (from + ["--pause", "2026-01-30T19:00:00+08:00/2026-01-30T18:00:00+08:00"], Self.calendar),
            (["--from", "2026-01-30T17:00:00+08:00", "--minutes=-1"], Self.calendar),
            (from + ["--format", "csv"], Self.calendar),
            (from, #"{"time_zone": "UTC", "weekly": {"mon": [["09:00","09:00"]]}}"#),
            (
                from,
                #"{"time_zone": "UTC", "weekly": {"mon": [["09:00","18:00"]]}, "holidays": ["2026-02-14"], "extra_workdays": ["2026-02-14"]}"#
            ),
            (from, #"{"time_zone": "Mars/Olympus", "weekly": {}}"#),
        ]
        for item in cases {
            let result = try due(item.arguments, calendar: item.calendar)
            #expect(result.status == 2, "\(item.arguments) \(item.calendar): \(result.stderr)")
            #expect(
                result.stderr.hasPrefix("kefu: ") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)"
            )
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func aCalendarThatNeverOpensAndAnUnreadableFileExitOne() throws {
        let from = ["--from", "2026-01-30T17:00:00+08:00", "--minutes", "240"]
        let never = try due(from, calendar: #"{"time_zone": "Asia/Shanghai", "weekly": {"mon": []}}"#)
        #expect(never.status == 1)
        #expect(never.stderr.contains("does not open within three years"), "\(never.stderr)")
        let notJSON = try due(from, calendar: "mon-fri 9-6")
        #expect(notJSON.status == 1)
        #expect(notJSON.stderr.split(separator: "\n").count == 1, "\(notJSON.stderr)")
        let missing = try cli.run(["calc", "due", "--calendar", "/nonexistent/calendar.json"] + from)
        #expect(missing.status == 1)
        #expect(missing.stderr == "kefu: cannot read /nonexistent/calendar.json\n")
    }
}
