import ArgumentParser
import Foundation
import KefuCore

/// `kefu calc staffing`: Erlang C required agents for every interval of a day.
struct StaffingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staffing",
        abstract: "Required agents per interval from a CSV of interval_start,calls,aht_seconds."
    )

    @Option(help: "CSV with header interval_start,calls,aht_seconds.") var intervals: String
    @Option(help: "Interval length in seconds.") var intervalSeconds: CalcDecimal
    @Option(help: "Answer within this many seconds.") var targetSeconds: CalcDecimal
    @Option(help: "Share of calls to answer within the target.") var serviceLevel = CalcDecimal(Decimal(string: "0.8")!)
    @Option(help: "Highest acceptable occupancy A/N.") var maxOccupancy = CalcDecimal(1)
    @Option(help: "Share of paid time not on the phones.") var shrinkage = CalcDecimal(0)
    @Option(help: "Output format (json or csv).") var format = CalcFormat.json

    func validate() throws {
        guard intervalSeconds.value > 0 else {
            throw ValidationError("--interval-seconds must be positive (got \(intervalSeconds.value))")
        }
    }

    func run() throws {
        let target = try CalcIO.queueing { () throws(QueueingError) in
            try StaffingTarget(
                targetSeconds: targetSeconds.value, serviceLevel: serviceLevel.value, maxOccupancy: maxOccupancy.value,
                shrinkage: shrinkage.value)
        }
        let csv = try CalcIO.readCSV(intervals)
        let rows = try CalcIO.inFile(intervals) { () throws(CalcInputError) in try csv.staffingIntervals() }
        var plans: [(StaffingInterval, StaffingPlan)] = []
        for row in rows {
            do {
                let interval = try ErlangC(
                    calls: row.calls, intervalSeconds: intervalSeconds.value, ahtSeconds: row.ahtSeconds)
                plans.append((row, try Staffing.plan(for: interval, target: target)))
            } catch {
                throw CLIFailure("\(intervals): row \(row.line): \(error.description)")
            }
        }
        switch format {
        case .json:
            let items = plans.map { row, plan in
                CalcJSON.object([
                    ("interval_start", .string(row.intervalStart)),
                    ("calls", .decimal(row.calls)),
                    ("aht_seconds", .decimal(row.ahtSeconds)),
                    ("traffic_erlangs", .number(plan.trafficErlangs)),
                    ("agents", .int(plan.agents)),
                    ("agents_with_shrinkage", .int(plan.agentsWithShrinkage)),
                    ("service_level", .number(plan.figures.serviceLevel)),
                ])
            }
            CalcIO.write(CalcJSON.object([("intervals", .array(items))]).rendered)
        case .csv:
            var csv = CalcCSVWriter(header: [
                "interval_start", "calls", "aht_seconds", "traffic_erlangs", "agents", "agents_with_shrinkage",
                "service_level",
            ])
            for (row, plan) in plans {
                csv.append([
                    row.intervalStart, row.calls.description, row.ahtSeconds.description,
                    CalcNumber.text(plan.trafficErlangs) ?? "", String(plan.agents), String(plan.agentsWithShrinkage),
                    CalcNumber.text(plan.figures.serviceLevel) ?? "",
                ])
            }
            CalcIO.write(csv.text)
        }
    }
}
