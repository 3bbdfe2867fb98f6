import ArgumentParser
import Foundation
import KefuCore

/// `kefu calc simulate-queue`: branch days under a calling policy, to compare `fifo`, `priority` and `aged` on a
/// branch's own numbers before switching (issue 14 §7).
struct SimulateQueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-queue",
        abstract: "Simulates walk-in queue days under a calling policy (fifo, priority or aged).",
        discussion: """
            The config is {"counters", "open_minutes", "service_minutes": {"distribution", "mean", "sd"}, \
            "classes": [{"name", "arrivals_per_hour"}], "policy": {"kind", "aging_minutes"}} (docs/SCIENCE.md \
            §13). A config that breaks a rule exits 2 with one line naming the field's JSON path.
            """
    )

    @Option(help: ArgumentHelp("Branch config JSON.", valueName: "file")) var config: String
    @Option(help: "Days to simulate (each starts empty).") var days = 1
    @Option(help: "Seed of the random numbers; the same seed gives the same output.") var seed: UInt64 = 1
    @Option(help: "Output format (json).") var format = CalcFormat.json

    func validate() throws {
        try format.require([.json])
        guard days >= 1 else { throw ValidationError("--days must be at least 1 (got \(days))") }
    }

    func run() throws {
        let data = try CalcIO.read(config)
        let branch: QueueSimulatorConfig
        do {
            branch = try JSONDecoder().decode(QueueSimulatorConfig.self, from: data)
        } catch let failure as ValidationFailure {
            let first = failure.errors[0]
            throw ValidationError("\(config): \(first.field): \(first.message)")
        } catch {
            throw ValidationError("\(config): not valid JSON")
        }
        let result = QueueSimulator.run(branch, days: days, seed: seed)
        let classes = result.classes.map { row in
            (
                row.name,
                CalcJSON.object([
                    ("customers", .int(row.customers)), ("mean_wait_minutes", .number(row.meanWaitMinutes)),
                    ("p90_wait_minutes", .number(row.p90WaitMinutes)),
                    ("max_wait_minutes", .number(row.maxWaitMinutes)),
                ])
            )
        }
        CalcIO.write(
            CalcJSON.object([
                ("customers", .int(result.customers)), ("mean_wait_minutes", .number(result.meanWaitMinutes)),
                ("utilisation", .number(result.utilisation)), ("classes", .object(classes)),
            ]).rendered)
    }
}
