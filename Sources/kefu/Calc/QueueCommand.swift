import ArgumentParser
import Foundation
import KefuCore

/// `kefu calc queue`: M/M/c waits, per priority class when shares are given (Cobham).
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "M/M/c mean wait and P(wait), per non-preemptive priority class."
    )

    @Option(help: "Arrivals per hour.") var arrivalsPerHour: CalcDecimal
    @Option(help: "Mean service time in minutes.") var serviceMinutes: CalcDecimal
    @Option(help: "Number of servers.") var servers: Int
    @Option(help: "Arrival shares of the priority classes, highest first, e.g. 0.3,0.7 (sum 1).")
    var classShares: String?
    @Option(help: "Output format (json).") var format = CalcFormat.json

    func validate() throws {
        try format.require([.json])
        guard servers >= 1 else { throw ValidationError("--servers must be at least 1 (got \(servers))") }
        _ = try shares()
    }

    private func shares() throws -> [Double] {
        guard let classShares else { return [1] }
        let values = try classShares.split(separator: ",", omittingEmptySubsequences: false).map { text in
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--class-shares: \"\(text)\" is not a number")
            }
            return value
        }
        try CalcIO.queueing { () throws(QueueingError) in try PriorityShares.validate(values) }
        return values
    }

    func run() throws {
        let classShares = try shares()
        let queue = try CalcIO.queueing { () throws(QueueingError) in
            try MMcQueue(arrivalsPerHour: arrivalsPerHour.value, serviceMinutes: serviceMinutes.value, servers: servers)
        }
        let waits = try CalcIO.queueing { () throws(QueueingError) in try queue.priorityWaitMinutes(shares: classShares)
        }
        let json = CalcJSON.object([
            ("utilisation", .number(queue.utilisation)),
            ("waiting_probability", .number(queue.waitingProbability)),
            ("mean_wait_minutes", .number(queue.meanWaitMinutes)),
            (
                "classes",
                .array(
                    zip(classShares, waits).map { share, wait in
                        .object([("share", .number(share)), ("mean_wait_minutes", .number(wait))])
                    })
            ),
        ])
        CalcIO.write(json.rendered)
    }
}
