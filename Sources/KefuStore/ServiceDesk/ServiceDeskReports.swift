import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// The figures behind the service-desk reports, read on both engines: every query counts the tickets
/// received in the filter's period (in the business's time zone), of its branch and team, leaving
/// out tickets merged into another. Counting happens in SQL; medians, percentiles and time buckets
/// in KefuCore, from the times read here, so SQLite and PostgreSQL give the same figures.
public struct ServiceDeskReports: Sendable {
    private let source: DatabaseSource
    private let settings: SettingsRepository
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        settings = SettingsRepository(database)
    }

    /// `report` for `filter`; an unknown branch or team is a 400 naming its parameter.
    public func run(_ report: ServiceDeskReport, filter: ReportFilter) async throws -> Report {
        let settings = try await settings.get()
        let zone = settings.zone
        let sql = db.sql
        try await filter.checkReferences(on: sql)
        let scope = filter.ticketScope(filter.interval(in: zone))
        switch report {
        case .ticketsByStatus:
            return ServiceDeskReport.counts(
                report, column: "status", TicketStatus.self, try await Self.counts("status", scope, on: sql))
        case .ticketsByType:
            return ServiceDeskReport.counts(
                report, column: "type", TicketType.self, try await Self.counts("type", scope, on: sql))
        case .ticketsByChannel:
            return ServiceDeskReport.counts(
                report, column: "channel", TicketChannel.self, try await Self.counts("channel", scope, on: sql))
        case .ticketsByDay:
            let times = try await Self.times(scope, complaintsOnly: false, on: sql)
            let complaints = times.filter { $0.type == TicketType.complaint.rawValue }
            return ServiceDeskReport.ticketsByDay(
                filter, received: Self.perDay(times, zone), complaints: Self.perDay(complaints, zone))
        case .responseTimes:
            let times = try await Self.times(scope, complaintsOnly: false, on: sql)
            return ServiceDeskReport.responseTimes(
                firstResponses: times.compactMap { $0.first_response_at?.timeIntervalSince($0.received_at) },
                resolutions: times.compactMap { $0.resolved_at?.timeIntervalSince($0.received_at) })
        case .complaintCauses:
            return ServiceDeskReport.complaintCauses(try await Self.causes(scope, on: sql))
        case .recurringCauses:
            let desk = settings.serviceDesk
            return ServiceDeskReport.recurringCauses(
                try await Self.causes(scope, on: sql),
                rule: RecurringCauseRule(count: desk.recurringCauseCount, days: desk.recurringCauseDays), timeZone: zone
            )
        case .silentMajority:
            let complaints = try await Self.times(scope, complaintsOnly: true, on: sql)
            let fast = complaints.filter { ticket in
                ticket.resolved_at.map { $0.timeIntervalSince(ticket.received_at) <= ServiceDeskReport.fastResolution }
                    ?? false
            }
            return ServiceDeskReport.silentMajority(
                complaints: complaints.count, fastResolved: fast.count, estimator: settings.serviceDesk.silentMajority)
        }
    }

    /// Throws a 400 naming `branch_id` or `team_id` when the filter's branch or team does not exist.
    public func check(_ filter: ReportFilter) async throws {
        try await filter.checkReferences(on: db.sql)
    }

    /// Tickets per value of `column` (a fixed column name, never input).
    private static func counts(
        _ column: String, _ scope: SQLQueryString, on sql: any SQLDatabase
    ) async throws -> [String: Int] {
        struct Row: Decodable {
            var code: String
            var n: Int
        }
        let rows = try await sql.raw(
            """
            SELECT t.\(unsafeRaw: column) AS code, COUNT(*) AS n FROM tickets t WHERE \(scope) \
            GROUP BY t.\(unsafeRaw: column)
            """
        ).all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.code, $0.n) })
    }

    private struct Times: Decodable {
        var type: String
        var received_at: Date
        var first_response_at: Date?
        var resolved_at: Date?
    }

    private static func times(
        _ scope: SQLQueryString, complaintsOnly: Bool, on sql: any SQLDatabase
    ) async throws -> [Times] {
        var query: SQLQueryString = "SELECT t.type, t.received_at, t.first_response_at, t.resolved_at FROM tickets t "
        query += "WHERE \(scope)"
        if complaintsOnly { query += " AND t.type = \(bind: TicketType.complaint.rawValue)" }
        return try await sql.raw(query).all(decoding: Times.self)
    }

    private static func perDay(_ times: [Times], _ zone: TimeZone) -> [CalendarDay: Int] {
        Dictionary(grouping: times) { CalendarDay($0.received_at, in: zone) }.mapValues(\.count)
    }

    /// Each complaint of the scope whose root cause is recorded, with that cause.
    private static func causes(
        _ scope: SQLQueryString, on sql: any SQLDatabase
    ) async throws -> [ServiceDeskReport.CauseOccurrence] {
        struct Row: Decodable {
            var received_at: Date
            var id: UUID
            var name: String
            var name_en: String?
            var category: String
        }
        let rows = try await sql.raw(
            """
            SELECT t.received_at, c.id, c.name, c.name_en, g.name AS category
            FROM tickets t
            JOIN complaint_steps s ON s.ticket_id = t.id AND s.step = \(bind: ComplaintStep.rootCause.rawValue)
            JOIN complaint_causes c ON c.id = s.cause_id
            JOIN complaint_categories g ON g.id = c.category_id
            WHERE \(scope) AND t.type = \(bind: TicketType.complaint.rawValue)
            """
        ).all(decoding: Row.self)
        return rows.map {
            ServiceDeskReport.CauseOccurrence(
                cause: ComplaintCause(id: $0.id, category: $0.category, name: $0.name, nameEN: $0.name_en),
                receivedAt: $0.received_at)
        }
    }
}
