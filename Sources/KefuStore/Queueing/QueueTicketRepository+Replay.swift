public import Foundation
public import KefuCore
import SQLKit

/// What the simulator page replays (issue 14 §7): a branch's recorded tickets, day by day.
extension QueueTicketRepository {
    /// The branch's tickets of its local days `from` through `to` (`yyyy-MM-dd`), one list per day with tickets,
    /// earliest day first: each ticket's arrival (minutes since 1970), class, and service time — finished − started
    /// when both were recorded, else its service's expected minutes. An unknown branch is `.notFound`.
    public func recordedDays(branchID: UUID, from: String, to: String) async throws -> [[QueueReplay.RecordedArrival]] {
        struct Row: Decodable {
            var day: String
            var `class`: String
            var arrived_at: Date
            var started_at: Date?
            var finished_at: Date?
            var expected_service_minutes: Double
        }
        let sql = db.sql
        try await QueueSetupRepository.requireBranch(branchID, on: sql)
        let rows = try await sql.raw(
            """
            SELECT t.day, t.class, t.arrived_at, t.started_at, t.finished_at, s.expected_service_minutes
            FROM queue_tickets t JOIN queue_services s ON s.id = t.service_id
            WHERE t.branch_id = \(bind: branchID) AND t.day >= \(bind: from) AND t.day <= \(bind: to)
            ORDER BY t.day, t.arrived_at, t.issued_at
            """
        ).all(decoding: Row.self)
        var days: [[QueueReplay.RecordedArrival]] = []
        var current: String?
        for row in rows {
            var minutes = row.expected_service_minutes
            if let started = row.started_at, let finished = row.finished_at, finished >= started {
                minutes = finished.timeIntervalSince(started) / 60
            }
            let arrival = QueueReplay.RecordedArrival(
                minute: row.arrived_at.timeIntervalSince1970 / 60,
                queueClass: QueueClass(rawValue: row.class) ?? .normal, serviceMinutes: minutes)
            if row.day == current {
                days[days.count - 1].append(arrival)
            } else {
                days.append([arrival])
                current = row.day
            }
        }
        return days
    }
}
