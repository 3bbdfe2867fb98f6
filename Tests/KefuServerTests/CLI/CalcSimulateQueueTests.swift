import Foundation
import Testing

/// `kefu calc simulate-queue`: the output keys of issue 14 §7, determinism by seed, and the exit-code contract (a bad
/// config exits 2 with one line holding the field's JSON path; an unreadable file 1).
@Suite("kefu calc simulate-queue", .enabled(if: KefuCLI.built != nil))
struct CalcSimulateQueueTests {
    let cli = KefuCLI.built!

    static let config = """
        {"counters": 3, "open_minutes": 480,
         "service_minutes": {"distribution": "lognormal", "mean": 4.0, "sd": 1.5},
         "classes": [{"name": "vip", "arrivals_per_hour": 6}, {"name": "normal", "arrivals_per_hour": 30}],
         "policy": {"kind": "aged", "aging_minutes": 10}}
        """

    /// Runs `kefu calc simulate-queue --config FILE …` with `json` written to FILE (and `--format json` unless
    /// `arguments` name a format).
    func simulate(_ arguments: [String] = [], config json: String = config) throws -> KefuCLI.Outcome {
        var outcome: KefuCLI.Outcome?
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("branch.json")
            try Data(json.utf8).write(to: file)
            let format = arguments.contains("--format") ? [] : ["--format", "json"]
            outcome = try cli.run(["calc", "simulate-queue", "--config", file.path] + format + arguments)
        }
        return outcome!
    }

    func object(_ result: KefuCLI.Outcome) throws -> [String: Any] {
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func printsTheIssuesKeysPerClass() throws {
        let json = try object(try simulate(["--days", "5"]))
        #expect(Set(json.keys) == ["customers", "mean_wait_minutes", "utilisation", "classes"])
        let classes = try #require(json["classes"] as? [String: [String: Any]])
        #expect(Set(classes.keys) == ["vip", "normal"])
        for row in classes.values {
            #expect(Set(row.keys) == ["customers", "mean_wait_minutes", "p90_wait_minutes", "max_wait_minutes"])
        }
        let customers = try #require(json["customers"] as? Int)
        #expect(customers == classes.values.reduce(0) { $0 + ($1["customers"] as? Int ?? 0) })
        // 36 an hour for 8 hours on 5 days.
        #expect((1_200...1_680).contains(customers))
        #expect((json["utilisation"] as? Double).map { (0.7...0.9).contains($0) } == true)
    }

    @Test func theSameSeedGivesTheSameOutputAndAnotherSeedAnother() throws {
        let first = try simulate()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try simulate(["--seed", "1", "--days", "1"]).stdout == first.stdout)
        #expect(try simulate().stdout == first.stdout)
        let other = try simulate(["--seed", "2"])
        #expect(other.status == 0 && other.stdout != first.stdout)
    }

    @Test func everyBadConfigExitsTwoWithTheFieldsPath() throws {
        let cases: [(String, String, String)] = [
            (#""counters": 3"#, #""counters": 1.5"#, "counters"),
            (#""counters": 3"#, #""counters": 0"#, "counters"),
            (#""open_minutes": 480"#, #""open_minutes": 0"#, "open_minutes"),
            (#""lognormal""#, #""weibull""#, "service_minutes.distribution"),
            (#""mean": 4.0"#, #""mean": -4"#, "service_minutes.mean"),
            (#", "sd": 1.5"#, "", "service_minutes.sd"),
            (#""sd": 1.5"#, #""sd": -1"#, "service_minutes.sd"),
            (#""arrivals_per_hour": 30"#, #""arrivals_per_hour": -30"#, "classes[1].arrivals_per_hour"),
            (
                #"[{"name": "vip", "arrivals_per_hour": 6}, {"name": "normal", "arrivals_per_hour": 30}]"#, "[]",
                "classes"
            ),
            (#""name": "normal""#, #""name": "vip""#, "classes[1].name"),
            (#""kind": "aged""#, #""kind": "random""#, "policy.kind"),
            (#", "aging_minutes": 10"#, "", "policy.aging_minutes"),
        ]
        for (old, new, path) in cases {
            let result = try simulate(config: Self.config.replacingOccurrences(of: old, with: new))
            #expect(result.status == 2, "\(path): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(
                result.stderr.hasPrefix("kefu: ") && result.stderr.split(separator: "\n").count == 1
                    && result.stderr.contains(": \(path): "), "\(path): \(result.stderr)")
        }
        let broken = try simulate(config: "{")
        #expect(broken.status == 2 && broken.stderr.contains("not valid JSON"))
    }

    @Test func badFlagsExitTwoAndAMissingFileOne() throws {
        for arguments in [["--days", "0"], ["--seed", "-1"], ["--format", "csv"]] {
            let result = try simulate(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("kefu: ") && result.stderr.split(separator: "\n").count == 1)
        }
        let missing = try cli.run(["calc", "simulate-queue", "--config", "/nonexistent/branch.json"])
        #expect(missing.failed(with: "cannot read /nonexistent/branch.json"))
    }
}
