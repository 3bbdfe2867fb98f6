import FluentKit
import Foundation
public import KefuCore
import SQLKit

/// The figures behind the walk-in queue's reports (issue 14 §9), read on both engines: one branch's services and
/// the tickets issued there in the filter's period (whole days in the branch's time zone, else the business's).
/// The no-shows are counted in SQL; waits, service times and hours of day are worked out in KefuCore
/// (`QueueReport`) from the tickets' instants, since the engines differ in date arithmetic and time zones.
public struct QueueReports: Sendable {
    private let source: DatabaseSource
    private let settings: SettingsRepository
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        settings = SettingsRepository(database)
    }

    /// Throws a 400 naming `branch_id` when the filter names no branch or one that does not exist, or `team_id`
    /// when it names a team that does not exist.
    public func check(_ filter: ReportFilter) async throws {
        _ = try await branch(of: filter)
    }

    private func branch(of filter: ReportFilter) async throws -> UUID {
        guard let branch = filter.branchID else {
            throw DomainError.invalid([
                FieldError(field: "branch_id", code: "branch_required", message: "Choose a branch.")
            ])
        }
        try await filter.checkReferences(on: db.sql)
        return branch
    }

    /// What every queue report of `filter` is built from (`QueueReport.build`), read once; the filter must name
    /// an existing branch.
    public func data(_ filter: ReportFilter) async throws -> QueueReportData {
        let branch = try await branch(of: filter)
        let sql = db.sql
        let zone = try await QueueTicketRepository.timeZone(
            of: branch, default: try await settings.get().timeZone, on: sql)
        let period = filter.interval(in: zone)
        let scope: SQLQueryString = """
            t.branch_id = \(bind: branch) AND t.issued_at >= \(bind: period.lowerBound) \
            AND t.issued_at < \(bind: period.upperBound)
            """
        struct Service: Decodable {
            var id: UUID
            var name: String
            var name_en: String?
            var target_wait_minutes: Double
        }
        struct Ticket: Decodable {
            var service_id: UUID
            var `class`: String
            var counter_id: UUID?
            var served_by: UUID?
            var agent_name: String?
            var issued_at: Date
            var called_at: Date?
            var started_at: Date?
            var finished_at: Date?
            var estimate_low: Int?
            var estimate_high: Int?
        }
        struct NoShows: Decodable {
            var service_id: UUID
            var called: Int
            var no_shows: Int
        }
        let services = try await sql.raw(
            """
            SELECT id, name, name_en, target_wait_minutes FROM queue_services WHERE branch_id = \(bind: branch) \
            ORDER BY prefix, id
            """
        ).all(decoding: Service.self)
        let tickets = try await sql.raw(
            """
            SELECT t.service_id, t.class, t.counter_id, t.served_by, u.name AS agent_name, t.issued_at, t.called_at, \
            t.started_at, t.finished_at, t.estimate_low, t.estimate_high
            FROM queue_tickets t LEFT JOIN users u ON u.id = t.served_by WHERE \(scope)
            """
        ).all(decoding: Ticket.self)
        // Every ticket once called keeps its call time (a no-show too); a rejoin starts it afresh, uncalled.
        let noShows = try await sql.raw(
            """
            SELECT t.service_id, COUNT(*) AS called, \
            CAST(SUM(CASE WHEN t.status = 'no_show' THEN 1 ELSE 0 END) AS BIGINT) AS no_shows
            FROM queue_tickets t WHERE \(scope) AND t.called_at IS NOT NULL GROUP BY t.service_id
            """
        ).all(decoding: NoShows.self)
        return QueueReportData(
            services: services.map {
                .init(id: $0.id, name: $0.name, nameEn: $0.name_en, targetWaitMinutes: $0.target_wait_minutes)
            },
            tickets: try tickets.map { row in
                guard let queueClass = QueueClass(rawValue: row.class) else {
                    throw StoreError.corrupt("a queue ticket has the class \(row.class)")
                }
                let estimate = row.estimate_low.flatMap { low in
                    row.estimate_high.map { QueueWaitRange(low: low, high: $0) }
                }
                return .init(
                    serviceID: row.service_id, queueClass: queueClass, counterID: row.counter_id,
                    agentID: row.served_by, agentName: row.agent_name, issuedAt: row.issued_at,
                    calledAt: row.called_at, startedAt: row.started_at, finishedAt: row.finished_at,
                    estimate: estimate)
            },
            noShows: noShows.map { .init(serviceID: $0.service_id, called: $0.called, noShows: $0.no_shows) },
            days: filter.days, timeZone: zone)
    }
}
