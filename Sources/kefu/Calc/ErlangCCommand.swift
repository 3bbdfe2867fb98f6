import ArgumentParser
import Foundation
import KefuCore

/// `kefu calc erlang-c`: agents needed for one interval, or the figures for a given number of agents.
struct ErlangCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erlang-c",
        abstract: "Erlang C: service level, ASA and required agents for one interval."
    )

    @Option(help: "Calls offered in the interval.") var calls: CalcDecimal
    @Option(help: "Interval length in seconds.") var intervalSeconds: CalcDecimal
    @Option(help: "Average handling time in seconds.") var ahtSeconds: CalcDecimal
    @Option(help: "Answer within this many seconds.") var targetSeconds: CalcDecimal
    @Option(help: "Share of calls to answer within the target.") var serviceLevel = CalcDecimal(Decimal(string: "0.8")!)
    @Option(help: "Highest acceptable occupancy A/N.") var maxOccupancy = CalcDecimal(1)
    @Option(help: "Share of paid time not on the phones.") var shrinkage = CalcDecimal(0)
    @Option(help: "Report the figures for this many agents instead of finding the minimum.") var agents: Int?
    @Option(help: "Output format (json).") var format = CalcFormat.json

    func validate() throws {
        try format.require([.json])
        if let agents, agents < 1 { throw ValidationError("--agents must be at least 1 (got \(agents))") }
    }

    func run() throws {
        let interval = try CalcIO.queueing { () throws(QueueingError) in
            try ErlangC(calls: calls.value, intervalSeconds: intervalSeconds.value, ahtSeconds: ahtSeconds.value)
        }
        let target = try CalcIO.queueing { () throws(QueueingError) in
            try StaffingTarget(
                targetSeconds: targetSeconds.value, serviceLevel: serviceLevel.value, maxOccupancy: maxOccupancy.value,
                shrinkage: shrinkage.value)
        }
        let figures: ErlangCFigures
        if let agents {
            figures = interval.figures(agents: agents, targetSeconds: target.targetSeconds.nearestDouble)
        } else {
            figures = try CalcIO.queueing { () throws(QueueingError) in try Staffing.plan(for: interval, target: target)
            }
            .figures
        }
        let json = CalcJSON.object([
            ("traffic_erlangs", .number(interval.trafficErlangs)),
            ("agents", .int(figures.agents)),
            (
                "agents_with_shrinkage",
                .int(Staffing.scheduledHeadcount(agents: figures.agents, shrinkage: target.shrinkage))
            ),
            ("service_level", .number(figures.serviceLevel)),
            ("occupancy", .number(figures.occupancy)),
            ("waiting_probability", .number(figures.waitingProbability)),
            ("asa_seconds", .optional(figures.asaSeconds)),
            ("stable", .bool(figures.stable)),
        ])
        CalcIO.write(json.rendered)
    }
}
