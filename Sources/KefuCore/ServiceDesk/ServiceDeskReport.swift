public import Foundation

/// The manager's service-desk reports (issue 10 §5), by the name the API and the page use. Each is
/// built here from what the store counted for one `ReportFilter`, so the arithmetic is tested
/// without a database.
public enum ServiceDeskReport: String, CaseIterable, Sendable {
    case ticketsByStatus = "tickets-by-status"
    case ticketsByType = "tickets-by-type"
    case ticketsByChannel = "tickets-by-channel"
    case ticketsByDay = "tickets-by-day"
    case responseTimes = "response-times"
    case complaintCauses = "complaint-causes"
    case recurringCauses = "recurring-causes"
    case silentMajority = "silent-majority"

    /// The UI string key of the report's title.
    public var titleKey: String { "report.title." + rawValue }

    /// A complaint resolved within this time of being received counts as resolved fast for the
    /// silent-majority estimate, until SLA targets say what "fast" is per tier and priority.
    public static let fastResolution: TimeInterval = 24 * 60 * 60

    /// Tickets per value of a code (status, type or channel), every value listed in its declared
    /// order, zeros included, with its share of all tickets.
    public static func counts<Code: RawRepresentable<String> & CaseIterable>(
        _ report: ServiceDeskReport, column key: String, _ code: Code.Type, _ counts: [String: Int]
    ) -> Report {
        let total = counts.values.reduce(0, +)
        return Report(
            name: report.rawValue,
            columns: [
                column(key, .text, valuePrefix: "ticket.\(key)."),
                column("tickets", .count),
                column("share", .percent),
            ],
            rows: Code.allCases.map { value in
                let count = counts[value.rawValue] ?? 0
                return [.text(value.rawValue), .integer(count), .percent(count, of: total)]
            },
            chart: ReportChart(.bar, labelColumn: key, valueColumns: ["tickets"]))
    }

    /// Tickets and complaints received on each day of the period.
    public static func ticketsByDay(
        _ filter: ReportFilter, received: [CalendarDay: Int], complaints: [CalendarDay: Int]
    ) -> Report {
        Report(
            name: ServiceDeskReport.ticketsByDay.rawValue,
            columns: [
                column("day", .text),
                column("tickets", .count),
                column("complaints", .count),
            ],
            rows: (0..<filter.days).map { offset in
                let day = filter.from.adding(days: offset)
                return [.text(day.description), .integer(received[day] ?? 0), .integer(complaints[day] ?? 0)]
            },
            chart: ReportChart(.line, labelColumn: "day", valueColumns: ["tickets", "complaints"]))
    }

    /// First response time (received → first public staff reply) and resolution time (received →
    /// resolved), each as the number of tickets measured, the median and the 90th percentile.
    public static func responseTimes(firstResponses: [TimeInterval], resolutions: [TimeInterval]) -> Report {
        func row(_ measure: String, _ durations: [TimeInterval]) -> [ReportValue] {
            let seconds = durations.map { max(0, $0) }
            func cell(_ p: Double) -> ReportValue {
                Percentile.of(seconds, p).map(ReportValue.whole) ?? .empty
            }
            return [.text(measure), .integer(seconds.count), cell(0.5), cell(0.9)]
        }
        return Report(
            name: ServiceDeskReport.responseTimes.rawValue,
            columns: [
                column("measure", .text, valuePrefix: "report.measure."),
                column("tickets", .count),
                column("median", .duration),
                column("p90", .duration),
            ],
            rows: [row("first_response", firstResponses), row("resolution", resolutions)],
            chart: ReportChart(.bar, labelColumn: "measure", valueColumns: ["median", "p90"]))
    }

    /// One complaint's recorded root cause and when the complaint was received.
    public struct CauseOccurrence: Sendable, Equatable {
        public var cause: ComplaintCause
        public var receivedAt: Date

        public init(cause: ComplaintCause, receivedAt: Date) {
            self.cause = cause
            self.receivedAt = receivedAt
        }
    }

    /// Complaints per root cause, most frequent first (ties by category and name), with each cause's
    /// share and the cumulative share: the table of a Pareto chart.
    public static func complaintCauses(_ occurrences: [CauseOccurrence]) -> Report {
        let groups = causeGroups(occurrences)
        var running = 0
        return Report(
            name: ServiceDeskReport.complaintCauses.rawValue,
            columns: causeColumns + [
                column("complaints", .count),
                column("share", .percent),
                column("cumulative_share", .percent),
            ],
            rows: groups.map { cause, dates in
                running += dates.count
                return causeCells(cause) + [
                    .integer(dates.count), .percent(dates.count, of: occurrences.count),
                    .percent(running, of: occurrences.count),
                ]
            },
            chart: ReportChart(.pareto, labelColumn: "cause", valueColumns: ["complaints"]))
    }

    /// The causes that recur under `rule` in the period, most frequent first: their complaints in the
    /// period, the most within one window (`peak`) and the local days that window began and ended.
    public static func recurringCauses(
        _ occurrences: [CauseOccurrence], rule: RecurringCauseRule, timeZone: TimeZone
    ) -> Report {
        let rows: [[ReportValue]] = causeGroups(occurrences).compactMap { cause, dates in
            guard let peak = rule.peak(dates), peak.count >= rule.count else { return nil }
            return causeCells(cause) + [
                .integer(dates.count), .integer(peak.count),
                .text(CalendarDay(peak.first, in: timeZone).description),
                .text(CalendarDay(peak.last, in: timeZone).description),
            ]
        }
        return Report(
            name: ServiceDeskReport.recurringCauses.rawValue,
            columns: causeColumns + [
                column("complaints", .count),
                column("peak", .count),
                column("peak_from", .text),
                column("peak_to", .text),
            ],
            rows: rows,
            chart: ReportChart(.bar, labelColumn: "cause", valueColumns: ["complaints", "peak"]))
    }

    /// A column headed by its `report.column.<key>` string.
    private static func column(
        _ key: String, _ kind: ReportColumn.Kind, valuePrefix: String? = nil, englishColumn: String? = nil
    ) -> ReportColumn {
        .named(key, kind, valuePrefix: valuePrefix, englishColumn: englishColumn)
    }

    private static let causeColumns = [
        column("cause", .text, englishColumn: "cause_en"),
        column("cause_en", .text),
        column("category", .text),
    ]

    private static func causeCells(_ cause: ComplaintCause) -> [ReportValue] {
        [.text(cause.name), cause.nameEN.map(ReportValue.text) ?? .empty, .text(cause.category)]
    }

    /// Each cause with the times of its complaints, most complaints first, then by category and name.
    private static func causeGroups(_ occurrences: [CauseOccurrence]) -> [(ComplaintCause, [Date])] {
        Dictionary(grouping: occurrences, by: \.cause.id).values.map { ($0[0].cause, $0.map(\.receivedAt)) }
            .sorted { left, right in
                if left.1.count != right.1.count { return left.1.count > right.1.count }
                return (left.0.category, left.0.name, left.0.id.uuidString)
                    < (right.0.category, right.0.name, right.0.id.uuidString)
            }
    }

    /// The silent-majority estimate (DOMAIN.md §2) for the period's complaints, one figure a row, each
    /// with the factor that produced it beside it. Fast-resolved complaints are those resolved within
    /// `fastResolution` of being received. When the factors allow no estimate, only the counts show.
    public static func silentMajority(
        complaints: Int, fastResolved: Int, estimator: SilentMajorityEstimator
    ) -> Report {
        let estimate = estimator.estimate(complaints: complaints, fastResolved: fastResolved)
        func people(_ value: Double?) -> ReportValue { value.map(ReportValue.whole) ?? .empty }
        func row(_ figure: String, _ low: Double?, _ high: Double?, _ factor: String?, _ value: String?)
            -> [ReportValue]
        {
            [
                .text(figure), people(low), people(high), factor.map(ReportValue.text) ?? .empty,
                value.map(ReportValue.text) ?? .empty,
            ]
        }
        func share(_ value: Double) -> String { ReportValue.decimal((value * 1000).rounded() / 10).plainText + "%" }
        func range(_ value: FigureRange) -> String {
            ReportValue.decimal(value.low).plainText + "–" + ReportValue.decimal(value.high).plainText
        }
        let hours = ReportValue.whole(fastResolution / 3600).plainText + " h"
        let e = estimate
        let rows: [[ReportValue]] = [
            row("complaints", Double(complaints), Double(complaints), nil, nil),
            row(
                "dissatisfied_customers", e?.dissatisfiedCustomers, e?.dissatisfiedCustomers, "complaining_share",
                share(estimator.complainingShare)),
            row(
                "silent_dissatisfied", e?.silentDissatisfied, e?.silentDissatisfied, "complaining_share",
                share(estimator.complainingShare)),
            row("tellers", e?.tellers, e?.tellers, "telling_share", share(estimator.tellingShare)),
            row(
                "people_told_first_hand", e?.peopleToldFirstHand.low, e?.peopleToldFirstHand.high, "told_per_teller",
                range(estimator.toldPerTeller)),
            row(
                "people_told_second_hand", e?.peopleToldSecondHand.low, e?.peopleToldSecondHand.high,
                "retelling", share(estimator.retellingShare) + " × " + range(estimator.retoldPerReteller)),
            row("people_reached", e?.peopleReached.low, e?.peopleReached.high, nil, nil),
            row("fast_resolved", Double(fastResolved), Double(fastResolved), "fast_resolution", "≤ " + hours),
            row(
                "returning_complainers", e?.returningComplainers, e?.returningComplainers,
                "fast_resolved_return_share", share(estimator.fastResolvedReturnShare)),
            row(
                "satisfied_word_of_mouth", e?.satisfiedWordOfMouth.low, e?.satisfiedWordOfMouth.high,
                "told_per_satisfied", range(estimator.toldPerSatisfied)),
        ]
        return Report(
            name: ServiceDeskReport.silentMajority.rawValue,
            columns: [
                column("figure", .text, valuePrefix: "report.figure."),
                column("low", .count),
                column("high", .count),
                column("factor", .text, valuePrefix: "report.factor."),
                column("factor_value", .text),
            ],
            rows: rows)
    }
}
