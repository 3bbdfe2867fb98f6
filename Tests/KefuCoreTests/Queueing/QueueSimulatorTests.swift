import Foundation
import Testing

@testable import KefuCore

/// The simulator of issue 14 §7: its config contract (every bad config names the field's JSON path), determinism,
/// the figures it reports, and agreement with Erlang C (fifo, one class) and Cobham (priority, two classes).
@Suite struct QueueSimulatorTests {
    static let example = """
        {"counters": 3, "open_minutes": 480,
         "service_minutes": {"distribution": "lognormal", "mean": 4.0, "sd": 1.5},
         "classes": [{"name": "vip", "arrivals_per_hour": 6}, {"name": "normal", "arrivals_per_hour": 30}],
         "policy": {"kind": "aged", "aging_minutes": 10}}
        """

    static func config(_ json: String) throws -> QueueSimulatorConfig {
        try JSONDecoder().decode(QueueSimulatorConfig.self, from: Data(json.utf8))
    }

    /// The example with `old` replaced by `new`, decoded: the field the failure names, or nil.
    static func failingField(_ old: String, _ new: String) -> String? {
        let json = example.replacingOccurrences(of: old, with: new)
        #expect(json != example || old == new, "\(old) not in the example")
        do {
            _ = try config(json)
            return nil
        } catch let failure as ValidationFailure {
            return failure.errors.first?.field
        } catch {
            return "\(error)"
        }
    }

    @Test func theIssuesExampleReads() throws {
        let config = try Self.config(Self.example)
        #expect(config.counters == 3 && config.openMinutes == 480)
        #expect(config.serviceMinutes == .lognormal(mean: 4, sd: 1.5))
        #expect(config.classes.map(\.name) == ["vip", "normal"] && config.classes.map(\.arrivalsPerHour) == [6, 30])
        #expect(config.policy == .aged(agingMinutes: 10))
        let fifo = try Self.config(
            Self.example.replacingOccurrences(of: #""kind": "aged", "aging_minutes": 10"#, with: #""kind": "fifo""#)
                .replacingOccurrences(of: #""lognormal", "mean": 4.0, "sd": 1.5"#, with: #""exponential", "mean": 4"#))
        #expect(fifo.policy == .fifo && fifo.serviceMinutes == .exponential(mean: 4))
    }

    /// Each bad config of issue 14 §7 goes through the CLI in `CalcSimulateQueueTests`; here the rest: wrong types,
    /// missing fields, and what is allowed.
    @Test func everyBadConfigNamesItsJSONPath() {
        let cases: [(String, String, String)] = [
            (#""counters": 3"#, #""counters": "3""#, "counters"),
            (#""counters": 3,"#, "", "counters"),
            (#""open_minutes": 480"#, #""open_minutes": -1"#, "open_minutes"),
            (#""mean": 4.0"#, #""mean": null"#, "service_minutes.mean"),
            (#""arrivals_per_hour": 30"#, #""arrivals_per_hour": "30""#, "classes[1].arrivals_per_hour"),
            (#""name": "normal""#, #""name": """#, "classes[1].name"),
            (#""aging_minutes": 10"#, #""aging_minutes": 0"#, "policy.aging_minutes"),
            (#""policy": {"kind": "aged", "aging_minutes": 10}"#, #""policy": 3"#, "policy"),
        ]
        for (old, new, field) in cases {
            #expect(Self.failingField(old, new) == field, "\(new)")
        }
        // A standard deviation is for lognormal only; sd 0 is a fixed time.
        #expect(Self.failingField(#""lognormal", "mean": 4.0, "sd": 1.5"#, #""deterministic", "mean": 4.0"#) == nil)
        #expect(Self.failingField(#""sd": 1.5"#, #""sd": 0"#) == nil)
        #expect(Self.failingField(#""counters": 3"#, #""counters": 3.0"#) == nil)
    }

    @Test func theSameSeedGivesTheSameRunAndAnotherSeedAnother() throws {
        let config = try Self.config(Self.example)
        let first = QueueSimulator.run(config, days: 3, seed: 1)
        #expect(QueueSimulator.run(config, days: 3, seed: 1) == first)
        #expect(QueueSimulator.run(config, days: 3, seed: 2) != first)
        #expect(QueueSimulator.run(config, days: 4, seed: 1) != first)
    }

    @Test func figuresAddUpOverClassesAndDays() throws {
        let config = try Self.config(Self.example)
        let result = QueueSimulator.run(config, days: 20, seed: 7)
        #expect(result.customers == result.classes.reduce(0) { $0 + $1.customers })
        let pooled = result.classes.reduce(0) { $0 + $1.meanWaitMinutes * Double($1.customers) }
        #expect(calcClose(result.meanWaitMinutes, pooled / Double(result.customers), 1e-9))
        // 36 an hour for 8 hours on 20 days: 5,760 expected (sd ≈ 76); ρ = 36 · 4 / 180 = 0.8.
        #expect(abs(result.customers - 5_760) < 400)
        #expect(abs(result.utilisation - 0.8) < 0.05)
        for row in result.classes {
            #expect(0 <= row.meanWaitMinutes && row.meanWaitMinutes <= row.maxWaitMinutes)
            #expect(row.p90WaitMinutes <= row.maxWaitMinutes)
        }
    }

    /// `aged` lies between the other two: with a huge aging time it calls as `priority` does, with a tiny one as
    /// `fifo` does, customer for customer (the same seed draws the same arrivals and service times).
    @Test func agedRunsFromPriorityToFifo() throws {
        var config = try Self.config(Self.example)
        func run(_ policy: QueuePolicy) -> QueueSimulationResult {
            config.policy = policy
            return QueueSimulator.run(config, days: 20, seed: 3)
        }
        #expect(run(.aged(agingMinutes: 1e9)) == run(.priority))
        #expect(run(.aged(agingMinutes: 1e-9)) == run(.fifo))
        #expect(run(.aged(agingMinutes: 10)) != run(.priority))
        #expect(run(.fifo) != run(.priority))
    }

    @Test func aClassWithoutCustomersReportsZeros() throws {
        let config = try Self.config(
            Self.example.replacingOccurrences(of: #""arrivals_per_hour": 6"#, with: #""arrivals_per_hour": 0"#))
        let result = QueueSimulator.run(config, days: 1, seed: 1)
        #expect(
            result.classes[0]
                == .init(name: "vip", customers: 0, meanWaitMinutes: 0, p90WaitMinutes: 0, maxWaitMinutes: 0))
        let idle = try Self.config(
            Self.example.replacingOccurrences(of: #""arrivals_per_hour": 30"#, with: #""arrivals_per_hour": 0"#)
                .replacingOccurrences(of: #""arrivals_per_hour": 6"#, with: #""arrivals_per_hour": 0"#))
        let nothing = QueueSimulator.run(idle, days: 2, seed: 1)
        #expect(nothing.customers == 0 && nothing.meanWaitMinutes == 0 && nothing.utilisation == 0)
    }

    @Test func p90IsTheSmallestWaitWithNinetyPercentAtOrBelowIt() {
        func p90(_ waits: [Double]) -> Double {
            var tally = QueueSimulator.Tally()
            for wait in waits { tally.record(wait) }
            return tally.p90()
        }
        #expect(p90([]) == 0)
        #expect(p90([3]) == 3)
        // Ten waits: the 9th smallest. Eleven: ⌈9.9⌉ = the 10th.
        #expect(p90([0, 0, 0, 1, 2, 3, 4, 5, 6, 7]) == 6)
        #expect(p90([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0]) == 8)
        #expect(p90(Array(repeating: 0, count: 9) + [5]) == 0)
        #expect(p90(Array(repeating: 0, count: 8) + [5, 6]) == 5)
    }

    /// Long runs of M/M/c at ρ = 0.7 (3 counters, S = 4 exponential, 31.5 an hour): each day 200,000 minutes
    /// (≈ 105,000 customers), ten days, so over a million customers; the mean waits must agree with the formulas
    /// within 4 %. Over seeds 1–12 the largest deviation was 2.6 % (one standard deviation ≈ 1.2 %).
    static func longRun(classes: String, policy: String) throws -> QueueSimulationResult {
        let config = try Self.config(
            """
            {"counters": 3, "open_minutes": 200000, "service_minutes": {"distribution": "exponential", "mean": 4},
             "classes": \(classes), "policy": \(policy)}
            """)
        let result = QueueSimulator.run(config, days: 10, seed: 1)
        #expect(result.customers >= 1_000_000)
        return result
    }

    static let queue = try! MMcQueue(arrivalsPerHour: calcDecimal("31.5"), serviceMinutes: 4, servers: 3)

    @Test func fifoWithOneClassWaitsTheErlangCWait() throws {
        let result = try Self.longRun(
            classes: #"[{"name": "normal", "arrivals_per_hour": 31.5}]"#, policy: #"{"kind": "fifo"}"#)
        #expect(abs(result.meanWaitMinutes / Self.queue.meanWaitMinutes - 1) < 0.04, "\(result.meanWaitMinutes)")
        #expect(abs(result.utilisation - 0.7) < 0.01)
    }

    @Test func priorityWithTwoClassesWaitsTheCobhamWaits() throws {
        // 30 % vip, 70 % normal.
        let result = try Self.longRun(
            classes: #"[{"name": "vip", "arrivals_per_hour": 9.45}, {"name": "normal", "arrivals_per_hour": 22.05}]"#,
            policy: #"{"kind": "priority"}"#)
        let waits = try Self.queue.priorityWaitMinutes(shares: [0.3, 0.7])
        for (row, wait) in zip(result.classes, waits) {
            #expect(abs(row.meanWaitMinutes / wait - 1) < 0.04, "\(row.name): \(row.meanWaitMinutes) vs \(wait)")
        }
    }
}
