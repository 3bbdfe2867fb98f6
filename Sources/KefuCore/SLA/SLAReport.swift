public import Foundation

/// The SLA reports (issue 11 §4), by the name the API and the page use: compliance per group, first-response
/// and resolution times in business minutes, the breaches list and the daily compliance trend. Each is built
/// here from what the store read for one `ReportFilter`, so the arithmetic is tested without a database.
public enum SLAReport: String, CaseIterable, Sendable {
    case compliance
    case times
    case breaches
    case trend

    /// The UI string key of the report's title.
    public var titleKey: String { "report.title.sla-" + rawValue }

    /// What compliance is counted per (`group_by`).
    public enum Grouping: String, ReportGrouping {
        /// The local day the ticket was received.
        case period
        case branch
        case team
        /// The assignee.
        case agent
        case priority
        /// The customer's tier.
        case tier

        /// The key of the column that names the group.
        public var column: String { self == .period ? "day" : rawValue }
    }

    /// One ticket an SLA policy applied to, as compliance counts it: its group and the clocks that breached.
    public struct Outcome: Sendable, Equatable {
        /// The group's key: the local day (`2026-11-02`), a priority or tier, or a branch's, team's or agent's
        /// id; nil when the ticket has none (no branch, no assignee).
        public var group: String?
        /// The group's name as shown, for branches, teams and agents; nil where the key is shown.
        public var name: String?
        public var breached: Set<SLAMetric>

        public init(group: String?, name: String? = nil, breached: Set<SLAMetric> = []) {
            self.group = group
            self.name = name
            self.breached = breached
        }
    }

    /// Compliance per group: tickets, those with any breach, the share without one, and the tickets that breached
    /// each clock. Every day of the period, every priority and every configured tier (`tiers`) is listed, zeros
    /// included; branches, teams and agents as found, by name, and tickets without one last.
    public static func compliance(
        _ outcomes: [Outcome], by grouping: Grouping, filter: ReportFilter, tiers: [String]
    ) -> Report {
        let groups = Dictionary(grouping: outcomes, by: \.group)
        var keys: [String?]
        switch grouping {
        case .period: keys = (0..<filter.days).map { filter.from.adding(days: $0).description }
        case .priority: keys = TicketPriority.allCases.map(\.rawValue)
        case .tier: keys = tiers + groups.keys.compactMap(\.self).filter { !tiers.contains($0) }.sorted()
        case .branch, .team, .agent: keys = ReportGroups.ordered(groups.mapValues { $0[0].name })
        }
        if groups[nil] != nil { keys.append(nil) }
        let rows: [[ReportValue]] = keys.map { key in
            let members = groups[key] ?? []
            let label = grouping == .branch || grouping == .team || grouping == .agent ? members.first?.name : key
            let breached = members.filter { !$0.breached.isEmpty }.count
            return [
                key == nil ? .empty : .text(label ?? ""), .integer(members.count), .integer(breached),
                .percent(members.count - breached, of: members.count),
            ] + SLAMetric.allCases.map { metric in .integer(members.filter { $0.breached.contains(metric) }.count) }
        }
        return Report(
            name: SLAReport.compliance.rawValue,
            columns: [
                .named(grouping.column, .text, valuePrefix: grouping == .priority ? "ticket.priority." : nil),
                .named("tickets", .count), .named("breached", .count), .named("compliance", .percent),
            ] + SLAMetric.allCases.map { .named($0.rawValue + "_breached", .count) },
            rows: rows,
            chart: ReportChart(.bar, labelColumn: grouping.column, valueColumns: ["compliance"]))
    }

    /// Compliance per local day of the period (outcomes grouped by day), drawn as a line: the trend.
    public static func trend(_ outcomes: [Outcome], filter: ReportFilter) -> Report {
        let daily = compliance(outcomes, by: .period, filter: filter, tiers: [])
        return Report(
            name: SLAReport.trend.rawValue, columns: Array(daily.columns.prefix(4)),
            rows: daily.rows.map { Array($0.prefix(4)) },
            chart: ReportChart(.line, labelColumn: "day", valueColumns: ["compliance"]))
    }

    /// The business minutes a clock ran from `start` to `end` on `calendar`, without its pauses; a pause under
    /// way (`pausedSince`) lasts until `end`. Nil when there is no end, or the calendar cannot count it.
    public static func businessMinutes(
        from start: Date, to end: Date?, pauses: [ClockPause], pausedSince: Date?, on calendar: BusinessCalendar
    ) -> Int? {
        guard let end else { return nil }
        let all = pauses + (pausedSince.map { [ClockPause(from: $0, to: max($0, end))] } ?? [])
        return try? calendar.businessMinutes(from: start, to: end, pauses: all)
    }

    /// First-response and resolution times in business minutes: the tickets measured, the median and the 90th
    /// percentile (see `Percentile`), rounded to whole minutes.
    public static func times(firstResponses: [Int], resolutions: [Int]) -> Report {
        func row(_ measure: String, _ minutes: [Int]) -> [ReportValue] {
            let values = minutes.map { Double(max(0, $0)) }
            func cell(_ p: Double) -> ReportValue { Percentile.of(values, p).map(ReportValue.whole) ?? .empty }
            return [.text(measure), .integer(values.count), cell(0.5), cell(0.9)]
        }
        return Report(
            name: SLAReport.times.rawValue,
            columns: [
                .named("measure", .text, valuePrefix: "report.measure."), .named("tickets", .count),
                .named("median", .minutes), .named("p90", .minutes),
            ],
            rows: [row("first_response", firstResponses), row("resolution", resolutions)],
            chart: ReportChart(.bar, labelColumn: "measure", valueColumns: ["median", "p90"]))
    }

    /// One recorded breach with what the list shows of its ticket.
    public struct BreachListing: Sendable, Equatable {
        public var ticket: TicketNumber
        public var subject: String
        public var metric: SLAMetric
        public var dueAt: Date
        public var breachedAt: Date
        public var branch: String?
        public var assignee: String?

        public init(
            ticket: TicketNumber, subject: String, metric: SLAMetric, dueAt: Date, breachedAt: Date,
            branch: String? = nil, assignee: String? = nil
        ) {
            self.ticket = ticket
            self.subject = subject
            self.metric = metric
            self.dueAt = dueAt
            self.breachedAt = breachedAt
            self.branch = branch
            self.assignee = assignee
        }
    }

    /// The breaches, newest first (ties by ticket number): a list, without a chart.
    public static func breaches(_ listings: [BreachListing]) -> Report {
        let sorted = listings.sorted { ($1.breachedAt, $0.ticket) < ($0.breachedAt, $1.ticket) }
        func text(_ value: String?) -> ReportValue { value.map(ReportValue.text) ?? .empty }
        return Report(
            name: SLAReport.breaches.rawValue,
            columns: [
                .named("ticket", .text), .named("subject", .text),
                .named("metric", .text, valuePrefix: "report.measure."), .named("due_at", .time),
                .named("breached_at", .time), .named("branch", .text), .named("assignee", .text),
            ],
            rows: sorted.map { breach in
                [
                    .text(breach.ticket.description), .text(breach.subject), .text(breach.metric.rawValue),
                    .text(RFC3339.utc(breach.dueAt)), .text(RFC3339.utc(breach.breachedAt)), text(breach.branch),
                    text(breach.assignee),
                ]
            })
    }
}
