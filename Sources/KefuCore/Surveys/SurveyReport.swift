public import Foundation

/// The survey reports (issue 13 §3), by the name the API and the page use: CSAT %, NPS and CES per group and per
/// week, NPS's 0–10 spread, one SERVQUAL survey's gaps per dimension and item with its two scores, and the
/// response rate per campaign. Each is built here from what the store counted for one `ReportFilter`, so the
/// arithmetic is tested without a database; every figure comes with the answers it rests on.
public enum SurveyReport: String, CaseIterable, Sendable {
    case scores
    case trend
    case npsDistribution = "nps-distribution"
    case servqualDimensions = "servqual-dimensions"
    case servqualItems = "servqual-items"
    case servqualScores = "servqual-scores"
    case campaigns

    /// The UI string key of the report's title.
    public var titleKey: String { "report.title.survey-" + rawValue }

    /// The SERVQUAL reports describe one survey (`survey_id`), whose questionnaire decides their columns.
    public var isServqual: Bool { self == .servqualDimensions || self == .servqualItems || self == .servqualScores }

    /// What `scores` is counted per (`group_by`).
    public enum Grouping: String, ReportGrouping {
        /// The week the answer was given (see `weeks`).
        case week
        case branch
        case team
        /// Who gave the service: the ticket's owner, else the follow-up's assignee.
        case agent
        case survey

        /// The key of the column that names the group.
        public var column: String { rawValue }
    }

    /// How many answers to surveys of one kind gave one score, in one group.
    public struct Tally: Sendable, Equatable {
        /// The group's key: the first day of its week (`2026-11-30`), or a branch's, team's, agent's or survey's
        /// id; nil when the answer has none (no branch, no agent).
        public var group: String?
        /// The group's name as shown, for branches, teams, agents and surveys; nil where the key is shown.
        public var name: String?
        public var kind: SurveyKind
        public var score: Int
        public var count: Int

        public init(group: String?, name: String? = nil, kind: SurveyKind, score: Int, count: Int) {
            self.group = group
            self.name = name
            self.kind = kind
            self.score = score
            self.count = count
        }
    }

    /// The period's weeks, each named by its first day: the period's first day, then every Monday after it. Weeks
    /// run Monday to Sunday in the business's time zone, so the first and last may be short.
    public static func weeks(of filter: ReportFilter) -> [CalendarDay] {
        (0..<filter.days).map { filter.from.adding(days: $0) }.filter { day in
            day == filter.from || day.weekNumber != day.adding(days: -1).weekNumber
        }
    }

    /// CSAT % (4s and 5s among 1–5 answers), NPS and the CES mean per group, each after the answers it rests on.
    /// Every week of the period is listed, empty ones included; branches, teams, agents and surveys as found, by
    /// name, and answers without one last.
    public static func scores(_ tallies: [Tally], by grouping: Grouping, filter: ReportFilter) -> Report {
        let groups = Dictionary(grouping: tallies, by: \.group)
        var keys: [String?] =
            grouping == .week
            ? weeks(of: filter).map(\.description) : ReportGroups.ordered(groups.mapValues { $0[0].name })
        if groups[nil] != nil { keys.append(nil) }
        let rows: [[ReportValue]] = keys.map { key in
            let members = groups[key] ?? []
            func counts(_ kind: SurveyKind) -> [Int: Int] {
                members.filter { $0.kind == kind }.reduce(into: [:]) { $0[$1.score, default: 0] += $1.count }
            }
            let csat = SurveyScores.csat(counts: counts(.csat))
            let nps = SurveyScores.nps(counts: counts(.nps))
            let ces = SurveyScores.ces(counts: counts(.ces))
            let label: ReportValue =
                switch (key, grouping) {
                case (nil, _): .empty
                case (let key?, .week): .text(key)
                default: .text(members.first?.name ?? "")
                }
            return [
                label, .integer(csat.responses), .percent(csat.satisfied, of: csat.responses),
                .integer(nps.responses), .score(nps.nps), .integer(ces.responses), .score(ces.mean),
            ]
        }
        return Report(
            name: SurveyReport.scores.rawValue,
            columns: [
                .named(grouping.column, .text), .named("csat_responses", .count), .named("csat", .percent),
                .named("nps_responses", .count), .named("nps", .score), .named("ces_responses", .count),
                .named("ces", .score),
            ],
            rows: rows, chart: ReportChart(.bar, labelColumn: grouping.column, valueColumns: ["csat", "nps"]))
    }

    /// The scores per week as lines: CSAT % and NPS (the CES, on its own 1–7 scale, is in the table).
    public static func trend(_ tallies: [Tally], filter: ReportFilter) -> Report {
        var weekly = scores(tallies, by: .week, filter: filter)
        weekly.name = SurveyReport.trend.rawValue
        weekly.chart = ReportChart(.line, labelColumn: "week", valueColumns: ["csat", "nps"])
        return weekly
    }

    /// How many NPS answers gave each score from 0 to 10, and their share: where the promoters and detractors are.
    public static func npsDistribution(_ tallies: [Tally]) -> Report {
        let counts = tallies.filter { $0.kind == .nps }.reduce(into: [:]) { $0[$1.score, default: 0] += $1.count }
        let nps = SurveyScores.nps(counts: counts)
        return Report(
            name: SurveyReport.npsDistribution.rawValue,
            columns: [.named("score", .count), .named("responses", .count), .named("share", .percent)],
            rows: nps.distribution.enumerated().map { score, count in
                [.integer(score), .integer(count), .percent(count, of: nps.responses)]
            },
            chart: ReportChart(.bar, labelColumn: "score", valueColumns: ["responses"]))
    }

    /// The response rate of each campaign: invitations sent, answered, and the share answered.
    public static func campaigns(_ campaigns: [(campaign: SurveyCampaign, survey: String)]) -> Report {
        Report(
            name: SurveyReport.campaigns.rawValue,
            columns: [
                .named("campaign", .text), .named("survey", .text), .named("created_at", .time),
                .named("invited", .count), .named("answered", .count), .named("response_rate", .percent),
            ],
            rows: campaigns.map { campaign, survey in
                [
                    .text(campaign.name), .text(survey), .text(RFC3339.utc(campaign.createdAt)),
                    .integer(campaign.invited), .integer(campaign.answered),
                    .percent(campaign.answered, of: campaign.invited),
                ]
            },
            chart: ReportChart(.bar, labelColumn: "campaign", valueColumns: ["response_rate"]))
    }
}
