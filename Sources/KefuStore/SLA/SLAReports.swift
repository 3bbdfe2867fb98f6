import FluentKit
import Foundation
public import KefuCore
import SQLKit

/// The figures behind the SLA reports (issue 11 §4), read on both engines. Compliance, its trend and the times
/// count the tickets received in the filter's period (in the business's time zone) of its branch and team,
/// leaving out tickets merged into another, as the service-desk reports do; the breaches list holds the
/// breaches recorded in the period. Groups, medians and business minutes are worked out in KefuCore from the
/// rows read here, so SQLite and PostgreSQL give the same figures.
public struct SLAReports: Sendable {
    private let source: DatabaseSource
    private let settings: SettingsRepository
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        settings = SettingsRepository(database)
    }

    /// `report` for `filter`, compliance counted per `grouping`; an unknown branch or team is a 400 naming its
    /// parameter.
    public func run(
        _ report: SLAReport, filter: ReportFilter, grouping: SLAReport.Grouping = .period
    ) async throws -> Report {
        let settings = try await settings.get()
        let zone = settings.zone
        let sql = db.sql
        try await filter.checkReferences(on: sql)
        let period = filter.interval(in: zone)
        switch report {
        case .compliance:
            return SLAReport.compliance(
                try await Self.outcomes(filter.ticketScope(period), by: grouping, zone: zone, on: sql), by: grouping,
                filter: filter, tiers: settings.tiers)
        case .trend:
            return SLAReport.trend(
                try await Self.outcomes(filter.ticketScope(period), by: .period, zone: zone, on: sql), filter: filter)
        case .times:
            return try await Self.times(filter.ticketScope(period), on: sql)
        case .breaches:
            return SLAReport.breaches(
                try await Self.breaches(filter.ticketScope(period, time: "x.breached_at"), on: sql))
        }
    }

    /// Throws a 400 naming `branch_id` or `team_id` when the filter's branch or team does not exist.
    public func check(_ filter: ReportFilter) async throws {
        try await filter.checkReferences(on: db.sql)
    }

    /// Each ticket of the scope that an SLA policy applied to — it has one now, or a breach recorded under one —
    /// with its group under `grouping` and the clocks that breached.
    private static func outcomes(
        _ scope: SQLQueryString, by grouping: SLAReport.Grouping, zone: TimeZone, on sql: any SQLDatabase
    ) async throws -> [SLAReport.Outcome] {
        struct Row: Decodable {
            var id: UUID
            var received_at: Date
            var priority: String
            var tier: String?
            var branch_id: UUID?
            var branch_name: String?
            var team_id: UUID?
            var team_name: String?
            var assignee_id: UUID?
            var assignee_name: String?
        }
        struct Breach: Decodable {
            var ticket_id: UUID
            var metric: String
        }
        let rows = try await sql.raw(
            """
            SELECT t.id, t.received_at, t.priority, c.tier, t.branch_id, b.name AS branch_name, t.team_id, \
            m.name AS team_name, t.assignee_id, u.name AS assignee_name
            FROM tickets t
            LEFT JOIN customers c ON c.id = t.customer_id
            LEFT JOIN branches b ON b.id = t.branch_id
            LEFT JOIN teams m ON m.id = t.team_id
            LEFT JOIN users u ON u.id = t.assignee_id
            WHERE \(scope) AND (t.sla_policy_id IS NOT NULL \
            OR EXISTS (SELECT 1 FROM ticket_sla_breaches x WHERE x.ticket_id = t.id))
            """
        ).all(decoding: Row.self)
        var breached: [UUID: Set<SLAMetric>] = [:]
        for breach in try await sql.raw(
            """
            SELECT x.ticket_id, x.metric FROM ticket_sla_breaches x JOIN tickets t ON t.id = x.ticket_id \
            WHERE \(scope)
            """
        ).all(decoding: Breach.self) {
            guard let metric = SLAMetric(rawValue: breach.metric) else {
                throw StoreError.corrupt("a breach of ticket \(breach.ticket_id) names the metric \(breach.metric)")
            }
            breached[breach.ticket_id, default: []].insert(metric)
        }
        return rows.map { row in
            let (group, name): (String?, String?) =
                switch grouping {
                case .period: (CalendarDay(row.received_at, in: zone).description, nil)
                case .branch: (row.branch_id?.uuidString, row.branch_name)
                case .team: (row.team_id?.uuidString, row.team_name)
                case .agent: (row.assignee_id?.uuidString, row.assignee_name)
                case .priority: (row.priority, nil)
                case .tier: (row.tier, nil)
                }
            return SLAReport.Outcome(group: group, name: name, breached: breached[row.id] ?? [])
        }
    }

    /// First-response and resolution times of the scope's tickets in business minutes, each on its ticket's
    /// calendar (read once per branch) without its pauses.
    private static func times(_ scope: SQLQueryString, on sql: any SQLDatabase) async throws -> Report {
        struct Row: Decodable {
            var id: UUID
            var branch_id: UUID?
            var home_branch_id: UUID?
            var received_at: Date
            var first_response_at: Date?
            var resolved_at: Date?
        }
        struct Pause: Decodable {
            var ticket_id: UUID
            var started_at: Date
            var ended_at: Date?
        }
        let rows = try await sql.raw(
            """
            SELECT t.id, t.branch_id, c.branch_id AS home_branch_id, t.received_at, t.first_response_at, \
            t.resolved_at FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id WHERE \(scope)
            """
        ).all(decoding: Row.self)
        let pauses = Dictionary(
            grouping: try await sql.raw(
                """
                SELECT p.ticket_id, p.started_at, p.ended_at FROM ticket_sla_pauses p \
                JOIN tickets t ON t.id = p.ticket_id WHERE \(scope)
                """
            ).all(decoding: Pause.self), by: \.ticket_id)
        var context = try await TicketSLA.Context.load(on: sql)
        var firstResponses: [Int] = []
        var resolutions: [Int] = []
        for row in rows where row.first_response_at != nil || row.resolved_at != nil {
            let calendar = try await context.calendar(forBranch: row.branch_id ?? row.home_branch_id, on: sql)
            let stored = pauses[row.id] ?? []
            let ended = stored.compactMap { pause in pause.ended_at.map { ClockPause(from: pause.started_at, to: $0) } }
            let under = stored.first { $0.ended_at == nil }?.started_at
            func minutes(to end: Date?) -> Int? {
                SLAReport.businessMinutes(
                    from: row.received_at, to: end, pauses: ended, pausedSince: under, on: calendar)
            }
            if let minutes = minutes(to: row.first_response_at) { firstResponses.append(minutes) }
            if let minutes = minutes(to: row.resolved_at) { resolutions.append(minutes) }
        }
        return SLAReport.times(firstResponses: firstResponses, resolutions: resolutions)
    }

    /// The breaches of the scope (on `x`, the breaches, joined to their tickets `t`), newest first.
    private static func breaches(_ scope: SQLQueryString, on sql: any SQLDatabase) async throws
        -> [SLAReport.BreachListing]
    {
        struct Row: Decodable {
            var number: Int
            var subject: String
            var metric: String
            var due_at: Date
            var breached_at: Date
            var branch_name: String?
            var assignee_name: String?
        }
        let rows = try await sql.raw(
            """
            SELECT t.number, t.subject, x.metric, x.due_at, x.breached_at, b.name AS branch_name, \
            u.name AS assignee_name
            FROM ticket_sla_breaches x
            JOIN tickets t ON t.id = x.ticket_id
            LEFT JOIN branches b ON b.id = t.branch_id
            LEFT JOIN users u ON u.id = t.assignee_id
            WHERE \(scope) ORDER BY x.breached_at DESC, t.number
            """
        ).all(decoding: Row.self)
        return try rows.map { row in
            guard let number = TicketNumber(sequence: row.number), let metric = SLAMetric(rawValue: row.metric) else {
                throw StoreError.corrupt("a breach of ticket \(row.number) names the metric \(row.metric)")
            }
            return SLAReport.BreachListing(
                ticket: number, subject: row.subject, metric: metric, dueAt: row.due_at, breachedAt: row.breached_at,
                branch: row.branch_name, assignee: row.assignee_name)
        }
    }
}
