import Foundation
import KefuCore
import SQLKit

/// The figures an estimated wait rests on, read from the store: the service's arrivals of the last hour by class,
/// its open counters, and its service time observed at this local hour (exponentially weighted, falling back to
/// the service's expected minutes until tickets have been finished). The arithmetic is `QueueWaitEstimate`'s.
enum QueueEstimates {
    /// The window arrivals are counted over.
    static let arrivalWindowMinutes = 60.0

    /// The range promised to `ticket`, which stands at `position`.
    static func range(
        for ticket: QueueTicket, position: Int, service: QueueRows.Service, setup: QueueBranchSetup,
        on tx: any SQLDatabase
    ) async throws -> QueueWaitRange {
        let now = ticket.issuedAt
        struct Arrivals: Decodable {
            var `class`: String
            var n: Int
        }
        let arrivals = try await tx.raw(
            """
            SELECT class, COUNT(*) AS n FROM queue_tickets
            WHERE service_id = \(bind: service.id) AND issued_at >= \(bind: now.addingTimeInterval(-arrivalWindowMinutes * 60))
            GROUP BY class
            """
        ).all(decoding: Arrivals.self)
        var perRank = Array(repeating: 0.0, count: QueueClass.allCases.count)
        for row in arrivals {
            if let queueClass = QueueClass(rawValue: row.class) {
                perRank[setup.classOrder.rank(of: queueClass)] += Double(row.n)
            }
        }
        perRank[setup.classOrder.rank(of: ticket.queueClass)] += 1
        let counters = try await openCounters(serving: service.id, branchID: service.branch_id, on: tx)
        let timeZone = try await QueueTicketRepository.timeZone(of: service.branch_id, default: "UTC", on: tx)
        let mean = try await serviceMinutes(service, hour: hour(of: now, in: timeZone), on: tx)
        return QueueWaitEstimate(
            arrivalsPerMinute: perRank.reduce(0, +) / arrivalWindowMinutes, openCounters: counters,
            meanServiceMinutes: mean, classShares: perRank
        ).range(classRank: setup.classOrder.rank(of: ticket.queueClass), ticketsAhead: position - 1)
    }

    /// Folds a finished ticket's service time into its service's average for the hour it started in.
    static func observe(_ ticket: QueueTicket, on tx: any SQLDatabase) async throws {
        guard let started = ticket.startedAt, let finished = ticket.finishedAt, finished >= started else { return }
        let timeZone = try await QueueTicketRepository.timeZone(of: ticket.branchID, default: "UTC", on: tx)
        let hour = hour(of: started, in: timeZone)
        let service = try await QueueSetupRepository.serviceRow(ticket.serviceID, on: tx)
        var average =
            try await stored(ticket.serviceID, hour: hour, on: tx)
            ?? ServiceTimeAverage(meanMinutes: service.expected_service_minutes)
        average.observe(minutes: finished.timeIntervalSince(started) / 60)
        try await tx.delete(from: "queue_service_times").where("service_id", .equal, ticket.serviceID)
            .where("hour", .equal, hour).run()
        try await tx.insert(into: "queue_service_times").columns("service_id", "hour", "mean_minutes", "observations")
            .values(
                SQLBind(ticket.serviceID), SQLBind(hour), SQLBind(average.meanMinutes), SQLBind(average.observations)
            )
            .run()
    }

    /// The observed mean at `hour`, else the service's expected minutes.
    static func serviceMinutes(_ service: QueueRows.Service, hour: Int, on sql: any SQLDatabase) async throws -> Double
    {
        try await stored(service.id, hour: hour, on: sql)?.meanMinutes ?? service.expected_service_minutes
    }

    private static func stored(_ serviceID: UUID, hour: Int, on sql: any SQLDatabase) async throws
        -> ServiceTimeAverage?
    {
        struct Row: Decodable {
            var mean_minutes: Double
            var observations: Int
        }
        return try await sql.select().columns("mean_minutes", "observations").from("queue_service_times")
            .where("service_id", .equal, serviceID).where("hour", .equal, hour).first(decoding: Row.self)
            .map { ServiceTimeAverage(meanMinutes: $0.mean_minutes, observations: $0.observations) }
    }

    /// Open counters of the branch that serve `serviceID`.
    static func openCounters(serving serviceID: UUID, branchID: UUID, on sql: any SQLDatabase) async throws -> Int {
        let rows = try await sql.select().column("*").from("queue_counters").where("branch_id", .equal, branchID)
            .where("open", .equal, true).all(decoding: QueueRows.Counter.self)
        return try rows.filter { try $0.counter.serviceIDs.contains(serviceID) }.count
    }

    static func hour(of instant: Date, in timeZone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.component(.hour, from: instant)
    }
}
