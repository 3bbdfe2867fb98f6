import Foundation
import KefuCore
import Testing

@Suite("SLA reports")
struct SLAReportTests {
    static let november = ReportFilter(
        from: CalendarDay(year: 2026, month: 11, day: 1)!, to: CalendarDay(year: 2026, month: 11, day: 3)!)
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static func cells(_ report: Report) -> [[String]] { report.rows.map { $0.map(\.plainText) } }

    /// `hour`:`minute` on November `day` 2026 in Shanghai.
    static func local(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        CalendarDay(year: 2026, month: 11, day: day)!.start(in: shanghai)
            .addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
    }

    @Test func complianceListsEveryDayWithTheBreachesPerClock() {
        let outcomes = [
            SLAReport.Outcome(group: "2026-11-02", breached: [.firstResponse, .resolution]),
            SLAReport.Outcome(group: "2026-11-02"),
            SLAReport.Outcome(group: "2026-11-02", breached: [.nextReply]),
            SLAReport.Outcome(group: "2026-11-03"),
        ]
        // MUT
        let report = SLAReport.compliance(outcomes, by: .period, filter: Self.november, tiers: [])
        // validate: a day without tickets has no compliance figure
        #expect(
            report.columns.map(\.key) == [
                "day", "tickets", "breached", "compliance", "first_response_breached", "next_reply_breached",
                "resolution_breached",
            ])
        #expect(
            Self.cells(report) == [
                ["2026-11-01", "0", "0", "", "0", "0", "0"], ["2026-11-02", "3", "2", "33.3", "1", "1", "1"],
                ["2026-11-03", "1", "0", "100", "0", "0", "0"],
            ])
        #expect(report.chart == ReportChart(.bar, labelColumn: "day", valueColumns: ["compliance"]))
        #expect(report.column("compliance")?.column.kind == .percent)
    }

    @Test func everyPriorityAndConfiguredTierIsListedAndOthersFollow() {
        let outcomes = [
            SLAReport.Outcome(group: "urgent", breached: [.firstResponse]), SLAReport.Outcome(group: "normal"),
        ]
        let priorities = SLAReport.compliance(outcomes, by: .priority, filter: Self.november, tiers: [])
        #expect(
            Self.cells(priorities).map { Array($0.prefix(4)) } == [
                ["low", "0", "0", ""], ["normal", "1", "0", "100"], ["high", "0", "0", ""], ["urgent", "1", "1", "0"],
            ])
        #expect(priorities.columns[0].valuePrefix == "ticket.priority.")
        let tiers = SLAReport.compliance(
            [
                SLAReport.Outcome(group: "VIP"), SLAReport.Outcome(group: "钻石"),
                SLAReport.Outcome(group: nil, breached: [.resolution]),
            ], by: .tier, filter: Self.november, tiers: ["VIP", "gold"])
        // validate: a tier no longer configured after the configured ones, no tier last
        #expect(
            Self.cells(tiers).map { Array($0.prefix(4)) } == [
                ["VIP", "1", "0", "100"], ["gold", "0", "0", ""], ["钻石", "1", "0", "100"], ["", "1", "1", "0"],
            ])
        #expect(tiers.rows.last?.first == .empty)
    }

    @Test func branchesTeamsAndAgentsAreGroupedByIdAndListedByName() {
        let outcomes = [
            SLAReport.Outcome(group: "b", name: "Wang", breached: [.resolution]),
            SLAReport.Outcome(group: "a", name: "Wang"), SLAReport.Outcome(group: "c", name: "Li"),
            SLAReport.Outcome(group: nil), SLAReport.Outcome(group: "a", name: "Wang"),
        ]
        // MUT
        let report = SLAReport.compliance(outcomes, by: .agent, filter: Self.november, tiers: [])
        // validate: two agents of one name stay apart; the unassigned come last
        #expect(
            Self.cells(report).map { Array($0.prefix(4)) } == [
                ["Li", "1", "0", "100"], ["Wang", "2", "0", "100"], ["Wang", "1", "1", "0"], ["", "1", "0", "100"],
            ])
        #expect(report.columns[0].key == "agent" && report.columns[0].valuePrefix == nil)
        #expect(SLAReport.compliance([], by: .branch, filter: Self.november, tiers: []).rows.isEmpty)
    }

    @Test func theTrendIsDailyComplianceAsALine() {
        let report = SLAReport.trend(
            [
                SLAReport.Outcome(group: "2026-11-03", breached: [.firstResponse]),
                SLAReport.Outcome(group: "2026-11-03"),
            ],
            filter: Self.november)
        #expect(report.name == "trend")
        #expect(report.columns.map(\.key) == ["day", "tickets", "breached", "compliance"])
        #expect(
            Self.cells(report) == [
                ["2026-11-01", "0", "0", ""], ["2026-11-02", "0", "0", ""], ["2026-11-03", "2", "1", "50"],
            ])
        #expect(report.chart == ReportChart(.line, labelColumn: "day", valueColumns: ["compliance"]))
    }

    @Test func businessMinutesLeavePausesAndClosedHoursOut() {
        let calendar = BusinessCalendar.standard(in: Self.shanghai)
        // Monday 17:30 to Tuesday 09:45: 30 + 45 minutes.
        #expect(
            SLAReport.businessMinutes(
                from: Self.local(2, 17, 30), to: Self.local(3, 9, 45), pauses: [], pausedSince: nil, on: calendar)
                == 75)
        // 10:00 to 17:00 with 10:30–14:30 paused.
        let pause = ClockPause(from: Self.local(3, 10, 30), to: Self.local(3, 14, 30))
        #expect(
            SLAReport.businessMinutes(
                from: Self.local(3, 10), to: Self.local(3, 17), pauses: [pause], pausedSince: nil, on: calendar) == 180)
        // A pause under way lasts until the end measured, even one that began after it.
        #expect(
            SLAReport.businessMinutes(
                from: Self.local(3, 10), to: Self.local(3, 11), pauses: [], pausedSince: Self.local(3, 10, 30),
                on: calendar) == 30)
        #expect(
            SLAReport.businessMinutes(
                from: Self.local(3, 10), to: Self.local(3, 11), pauses: [], pausedSince: Self.local(3, 12),
                on: calendar) == 60)
        #expect(
            SLAReport.businessMinutes(
                from: Self.local(3, 10), to: nil, pauses: [], pausedSince: nil, on: calendar) == nil)
    }

    @Test func timesAreMediansAndNinetiethPercentilesInWholeMinutes() {
        // MUT
        let report = SLAReport.times(firstResponses: [10, 10, 20, 30, 50, 75], resolutions: [])
        // validate
        #expect(Self.cells(report) == [["first_response", "6", "25", "63"], ["resolution", "0", "", ""]])
        #expect(report.columns.map(\.kind) == [.text, .count, .minutes, .minutes])
        #expect(report.columns[2].display(.integer(95)) == "1:35")
        #expect(report.columns[2].display(.integer(2880)) == "48:00")
        #expect(report.chart?.kind == .bar)
    }

    @Test func breachesAreListedNewestFirstWithoutAChart() throws {
        func breach(_ number: Int, _ metric: SLAMetric, at date: Date, branch: String? = nil) throws
            -> SLAReport.BreachListing
        {
            SLAReport.BreachListing(
                ticket: try #require(TicketNumber(sequence: number)), subject: "=1+1 主题", metric: metric,
                dueAt: date.addingTimeInterval(-60), breachedAt: date, branch: branch, assignee: nil)
        }
        let report = SLAReport.breaches([
            try breach(2, .firstResponse, at: Self.local(2, 10)),
            try breach(3, .resolution, at: Self.local(3, 10), branch: "静安店"),
            try breach(1, .nextReply, at: Self.local(3, 10)),
        ])
        #expect(
            report.columns.map(\.key) == [
                "ticket", "subject", "metric", "due_at", "breached_at", "branch", "assignee",
            ])
        #expect(
            Self.cells(report) == [
                ["T-000001", "=1+1 主题", "next_reply", "2026-11-03T01:59:00Z", "2026-11-03T02:00:00Z", "", ""],
                ["T-000003", "=1+1 主题", "resolution", "2026-11-03T01:59:00Z", "2026-11-03T02:00:00Z", "静安店", ""],
                ["T-000002", "=1+1 主题", "first_response", "2026-11-02T01:59:00Z", "2026-11-02T02:00:00Z", "", ""],
            ])
        #expect(report.chart == nil)
        #expect(report.csv.contains("'=1+1 主题"))
        #expect(report.columns[3].kind == .time)
    }

    @Test func groupByIsOneOfSixNames() throws {
        #expect(try SLAReport.Grouping.parse(nil) == .period)
        #expect(try SLAReport.Grouping.parse(" ") == .period)
        #expect(try SLAReport.Grouping.parse("tier") == .tier)
        #expect(SLAReport.Grouping.period.column == "day" && SLAReport.Grouping.agent.column == "agent")
        #expect(throws: ValidationFailure.self) { try SLAReport.Grouping.parse("customer") }
        do throws(ValidationFailure) {
            _ = try SLAReport.Grouping.parse("Period")
            Issue.record("a misspelt grouping was accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["group_by"])
        }
    }
}
