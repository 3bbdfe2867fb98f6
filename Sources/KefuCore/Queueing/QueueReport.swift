public import Foundation

/// The walk-in queue's reports (issue 14 §9), by the name the API and the page use: arrivals per hour of day, waits
/// by service and by class, no-shows, service times by service and by agent, counters open against Erlang C's
/// recommendation, and how accurate the promised waits were. Each is built here from one `QueueReportData`, so the
/// arithmetic is tested without a database and both engines give the same figures.
public enum QueueReport: String, CaseIterable, Sendable {
    case arrivals
    case waitsByService = "waits-by-service"
    case waitsByClass = "waits-by-class"
    case noShows = "no-shows"
    case serviceTimesByService = "service-times-by-service"
    case serviceTimesByAgent = "service-times-by-agent"
    case staffing
    case accuracy
    case accuracyByService = "accuracy-by-service"

    /// The UI string key of the report's title.
    public var titleKey: String { "report.title.queue-" + rawValue }

    /// The share of customers the recommended counters call within their service's target wait.
    public static let serviceLevel = Decimal(string: "0.8")!

    /// The report from `data`.
    public func build(_ data: QueueReportData) -> Report {
        switch self {
        case .arrivals: Self.arrivals(data)
        case .waitsByService: Self.waits(data, byService: true)
        case .waitsByClass: Self.waits(data, byService: false)
        case .noShows: Self.noShows(data)
        case .serviceTimesByService: Self.serviceTimes(data, byService: true)
        case .serviceTimesByAgent: Self.serviceTimes(data, byService: false)
        case .staffing: Self.staffing(data)
        case .accuracy: Self.accuracy(data, byService: false)
        case .accuracyByService: Self.accuracy(data, byService: true)
        }
    }

    // MARK: Reports

    /// Tickets issued per local hour of day (every hour, 00–23), and their mean per day of the period.
    static func arrivals(_ data: QueueReportData) -> Report {
        let perHour = Dictionary(grouping: data.tickets) { hour(of: $0.issuedAt, in: data.timeZone) }
        return Report(
            name: QueueReport.arrivals.rawValue,
            columns: [.named("hour", .text), .named("tickets", .count), .named("per_day", .score)],
            rows: (0..<24).map { hour in
                let count = perHour[hour]?.count ?? 0
                return [.text(label(hour: hour)), .integer(count), .score(Double(count) / Double(data.days))]
            },
            chart: ReportChart(.bar, labelColumn: "hour", valueColumns: ["per_day"]))
    }

    /// Waits from issue to call of the called tickets, per service (every service of the branch) or per class
    /// (every class): how many, their mean, 90th percentile and longest in seconds, and the share longer than their
    /// service's target.
    static func waits(_ data: QueueReportData, byService: Bool) -> Report {
        let targets = Dictionary(data.services.map { ($0.id, $0.targetWaitMinutes * 60) }) { first, _ in first }
        func row(_ tickets: [QueueReportData.Ticket]) -> [ReportValue] {
            let waits = tickets.compactMap { ticket in ticket.waitSeconds.map { (ticket.serviceID, $0) } }
            let seconds = waits.map(\.1)
            let above = waits.filter { service, wait in targets[service].map { wait > $0 } ?? false }.count
            return [.integer(seconds.count)] + spread(seconds) + [
                seconds.max().map(ReportValue.whole) ?? .empty, .percent(above, of: seconds.count),
            ]
        }
        let figures: [ReportColumn] = [
            .named("tickets", .count), .named("mean", .duration), .named("p90", .duration), .named("max", .duration),
            .named("above_target", .percent),
        ]
        let name = byService ? QueueReport.waitsByService : .waitsByClass
        return grouped(data, name: name, byService: byService, columns: figures, row: row, chart: ["mean", "p90"])
    }

    /// Per service, the tickets called (or gone beyond it) and the share of them marked as no-shows.
    static func noShows(_ data: QueueReportData) -> Report {
        let counts = Dictionary(data.noShows.map { ($0.serviceID, $0) }) { first, _ in first }
        return Report(
            name: QueueReport.noShows.rawValue,
            columns: serviceColumns + [
                .named("called", .count), .named("no_shows", .count), .named("no_show_rate", .percent),
            ],
            rows: data.services.map { service in
                let count = counts[service.id] ?? .init(serviceID: service.id, called: 0, noShows: 0)
                return serviceCells(service) + [
                    .integer(count.called), .integer(count.noShows), .percent(count.noShows, of: count.called),
                ]
            },
            chart: ReportChart(.bar, labelColumn: "service", valueColumns: ["no_show_rate"]))
    }

    /// Service times (start to finish) of the finished tickets per service or per agent (as found, by name, tickets
    /// nobody is recorded as serving last): how many, their mean and 90th percentile in seconds.
    static func serviceTimes(_ data: QueueReportData, byService: Bool) -> Report {
        let name = byService ? QueueReport.serviceTimesByService : .serviceTimesByAgent
        let figures: [ReportColumn] = [.named("tickets", .count), .named("mean", .duration), .named("p90", .duration)]
        func row(_ tickets: [QueueReportData.Ticket]) -> [ReportValue] {
            let seconds = tickets.compactMap(\.serviceSeconds)
            return [.integer(seconds.count)] + spread(seconds)
        }
        guard byService else {
            let groups = Dictionary(grouping: data.tickets.filter { $0.serviceSeconds != nil }) {
                $0.agentID?.uuidString
            }
            var keys = ReportGroups.ordered(groups.mapValues { $0[0].agentName })
            if groups[nil] != nil { keys.append(nil) }
            return Report(
                name: name.rawValue, columns: [.named("agent", .text)] + figures,
                rows: keys.map { key in
                    let tickets = groups[key] ?? []
                    return [key == nil ? .empty : .text(tickets.first?.agentName ?? "")] + row(tickets)
                },
                chart: ReportChart(.bar, labelColumn: "agent", valueColumns: ["mean", "p90"]))
        }
        return grouped(data, name: name, byService: true, columns: figures, row: row, chart: ["mean", "p90"])
    }

    /// Per local hour of day: tickets issued per day, the mean service time of the tickets started in that hour
    /// (else, where tickets arrived, of the whole period), the mean target wait of the tickets issued, the
    /// counters that called tickets (distinct per day, averaged over the period's days), and the counters Erlang C
    /// recommends so that `serviceLevel` of the customers are called within that target (`Staffing.plan`): none
    /// for an hour without arrivals, empty where there is no service time to go on.
    static func staffing(_ data: QueueReportData) -> Report {
        let zone = data.timeZone
        let targets = Dictionary(data.services.map { ($0.id, $0.targetWaitMinutes) }) { first, _ in first }
        let issued = Dictionary(grouping: data.tickets) { hour(of: $0.issuedAt, in: zone) }
        let started = Dictionary(grouping: data.tickets.filter { $0.serviceSeconds != nil }) { ticket in
            hour(of: ticket.startedAt ?? ticket.issuedAt, in: zone)
        }
        var counters: [Int: Set<String>] = [:]
        for ticket in data.tickets {
            guard let calledAt = ticket.calledAt, let counter = ticket.counterID else { continue }
            let day = CalendarDay(calledAt, in: zone).description
            counters[hour(of: calledAt, in: zone), default: []].insert(day + " " + counter.uuidString)
        }
        let allServiceSeconds = data.tickets.compactMap(\.serviceSeconds)
        let days = Double(data.days)
        let rows: [[ReportValue]] = (0..<24).map { hour in
            let arrivals = issued[hour] ?? []
            let seconds = started[hour]?.compactMap(\.serviceSeconds) ?? []
            let service = mean(seconds) ?? (arrivals.isEmpty ? nil : mean(allServiceSeconds))
            let target = mean(arrivals.compactMap { targets[$0.serviceID] })
            return [
                .text(label(hour: hour)), .score(Double(arrivals.count) / days),
                service.map(ReportValue.whole) ?? .empty,
                .score(target), .score(Double(counters[hour]?.count ?? 0) / days),
                recommended(arrivals: arrivals.count, days: data.days, serviceSeconds: service, targetMinutes: target),
            ]
        }
        return Report(
            name: QueueReport.staffing.rawValue,
            columns: [
                .named("hour", .text), .named("per_day", .score), .named("service_time", .duration),
                .named("target_wait_minutes", .score), .named("counters_open", .score),
                .named("counters_recommended", .count),
            ],
            rows: rows,
            chart: ReportChart(.bar, labelColumn: "hour", valueColumns: ["counters_open", "counters_recommended"]))
    }

    /// How far the promised ranges were from the waits (`QueueEstimateAccuracy`) of the called tickets that were
    /// promised one: over the branch (one row, no chart) or per service.
    static func accuracy(_ data: QueueReportData, byService: Bool) -> Report {
        func row(_ tickets: [QueueReportData.Ticket]) -> [ReportValue] {
            let accuracy = QueueEstimateAccuracy(
                tickets.compactMap { ticket in
                    guard let estimate = ticket.estimate, let wait = ticket.waitSeconds else { return nil }
                    return QueueEstimateAccuracy.Record(estimate: estimate, actualMinutes: wait / 60)
                })
            let within = accuracy.shareWithinRange.map { Int(($0 * Double(accuracy.count)).rounded()) } ?? 0
            return [
                .integer(accuracy.count), .score(accuracy.meanAbsoluteErrorMinutes),
                .percent(within, of: accuracy.count),
            ]
        }
        let figures: [ReportColumn] = [
            .named("tickets", .count), .named("mean_absolute_error_minutes", .score), .named("within_range", .percent),
        ]
        guard byService else {
            return Report(name: QueueReport.accuracy.rawValue, columns: figures, rows: [row(data.tickets)])
        }
        return grouped(
            data, name: .accuracyByService, byService: true, columns: figures, row: row, chart: ["within_range"])
    }

    // MARK: Shared

    private static let serviceColumns: [ReportColumn] = [
        .named("service", .text, englishColumn: "service_en"), .named("service_en", .text),
    ]

    private static func serviceCells(_ service: QueueReportData.Service) -> [ReportValue] {
        [.text(service.name), service.nameEn.map(ReportValue.text) ?? .empty]
    }

    /// The tickets per service (every service of the branch, in order) or per class (every class), each group's
    /// figures from `row`, charted as bars of `chart`.
    private static func grouped(
        _ data: QueueReportData, name: QueueReport, byService: Bool, columns: [ReportColumn],
        row: ([QueueReportData.Ticket]) -> [ReportValue], chart: [String]
    ) -> Report {
        if byService {
            let groups = Dictionary(grouping: data.tickets, by: \.serviceID)
            return Report(
                name: name.rawValue, columns: serviceColumns + columns,
                rows: data.services.map { serviceCells($0) + row(groups[$0.id] ?? []) },
                chart: ReportChart(.bar, labelColumn: "service", valueColumns: chart))
        }
        let groups = Dictionary(grouping: data.tickets, by: \.queueClass)
        return Report(
            name: name.rawValue, columns: [.named("class", .text, valuePrefix: "queue.class.")] + columns,
            rows: QueueClass.allCases.map { [.text($0.rawValue)] + row(groups[$0] ?? []) },
            chart: ReportChart(.bar, labelColumn: "class", valueColumns: chart))
    }

    /// The mean and the 90th percentile of `seconds`, as whole seconds; empty without any.
    private static func spread(_ seconds: [Double]) -> [ReportValue] {
        [mean(seconds).map(ReportValue.whole) ?? .empty, Percentile.of(seconds, 0.9).map(ReportValue.whole) ?? .empty]
    }

    private static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Erlang C's counters for an hour with `arrivals` over `days` days: none without arrivals, empty without a
    /// service time or a target, or when no count reaches the target.
    private static func recommended(arrivals: Int, days: Int, serviceSeconds: Double?, targetMinutes: Double?)
        -> ReportValue
    {
        guard arrivals > 0 else { return .integer(0) }
        guard let serviceSeconds, let targetMinutes else { return .empty }
        do throws(QueueingError) {
            let hour = try ErlangC(
                calls: Decimal(arrivals) / Decimal(days), intervalSeconds: 3600,
                ahtSeconds: Decimal(max(1, Int(serviceSeconds.rounded()))))
            let target = try StaffingTarget(
                targetSeconds: Decimal(Int((targetMinutes * 60).rounded())), serviceLevel: serviceLevel)
            return .integer(try Staffing.plan(for: hour, target: target).agents)
        } catch {
            return .empty
        }
    }

    private static func hour(of instant: Date, in zone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.component(.hour, from: instant)
    }

    /// `08:00`.
    private static func label(hour: Int) -> String { (hour < 10 ? "0" : "") + String(hour) + ":00" }
}
