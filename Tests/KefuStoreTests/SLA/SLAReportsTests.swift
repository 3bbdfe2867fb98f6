import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// Each SLA report's figures on the seeded tickets (`SLAReportSeed`), on both databases.
@Suite("SLAReports")
struct SLAReportsTests {
    static func cells(_ report: Report) -> [[String]] { report.rows.map { $0.map(\.plainText) } }

    /// Seeds the tickets and runs `body` with the reports, on `engine`.
    static func withSeed(
        _ engine: Engine, _ body: (SLAReports, SLAReportSeed) async throws -> Void
    ) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            let seed = try await SLAReportSeed.seed(database, clock: clock)
            try await body(SLAReports(database), seed)
        }
    }

    @Test(arguments: Engine.available)
    func complianceCountsTheTicketsAPolicyAppliedToPerGroup(engine: Engine) async throws {
        try await Self.withSeed(engine) { reports, _ in
            let period = SLAReportSeed.period
            // MUT
            var groups: [SLAReport.Grouping: [[String]]] = [:]
            for grouping in SLAReport.Grouping.allCases {
                groups[grouping] = Self.cells(try await reports.run(.compliance, filter: period, grouping: grouping))
            }
            // validate: tickets 2–6; the October ticket and the one without a policy are left out
            let days = try #require(groups[.period])
            #expect(days.count == 30)
            #expect(days[1] == ["2026-11-02", "2", "1", "50", "1", "0", "0"])
            #expect(days[2] == ["2026-11-03", "1", "0", "100", "0", "0", "0"])
            #expect(days[3] == ["2026-11-04", "1", "1", "0", "0", "0", "1"])
            #expect(days[4] == ["2026-11-05", "1", "1", "0", "0", "1", "0"])
            #expect(days[0] == ["2026-11-01", "0", "0", "", "0", "0", "0"])
            #expect(days.map { Int($0[1])! }.reduce(0, +) == 5)
            #expect(
                groups[.branch] == [
                    ["夜间店", "1", "1", "0", "0", "0", "1"], ["静安店", "3", "2", "33.3", "1", "1", "0"],
                    ["", "1", "0", "100", "0", "0", "0"],
                ])
            #expect(groups[.team]?.map { Array($0.prefix(4)) } == [["售后", "2", "1", "50"], ["", "3", "2", "33.3"]])
            #expect(
                groups[.agent]?.map { Array($0.prefix(4)) } == [
                    ["Agent A", "3", "2", "33.3"], ["Agent B", "1", "1", "0"], ["Manager M", "1", "0", "100"],
                ])
            #expect(
                groups[.priority]?.map { Array($0.prefix(4)) } == [
                    ["low", "0", "0", ""], ["normal", "3", "3", "0"], ["high", "1", "0", "100"],
                    ["urgent", "1", "0", "100"],
                ])
            #expect(
                groups[.tier]?.map { Array($0.prefix(4)) } == [
                    ["VIP", "2", "1", "50"], ["gold", "0", "0", ""], ["standard", "3", "2", "33.3"],
                ])
        }
    }

    @Test(arguments: Engine.available)
    func timesAreBusinessMinutesOnEachTicketsCalendarWithoutPauses(engine: Engine) async throws {
        try await Self.withSeed(engine) { reports, _ in
            // MUT
            let report = try await reports.run(.times, filter: SLAReportSeed.period)
            // validate: first replies after 20, 75, 10, 50 (round-the-clock branch), 10 and 30 business minutes;
            // resolutions after 120, 210, 180 (4 h waiting left out) and 180
            #expect(Self.cells(report) == [["first_response", "6", "25", "63"], ["resolution", "4", "180", "201"]])
        }
    }

    @Test(arguments: Engine.available)
    func breachesRecordedInThePeriodNewestFirst(engine: Engine) async throws {
        try await Self.withSeed(engine) { reports, seed in
            // MUT
            let report = try await reports.run(.breaches, filter: SLAReportSeed.period)
            // validate: the October ticket's breach falls in November, so it is listed
            let n = seed.numbers.map(\.description)
            #expect(
                Self.cells(report) == [
                    [n[5], "贵宾追问", "next_reply", "2026-11-05T02:30:00Z", "2026-11-05T02:31:00Z", "静安店", "Agent A"],
                    [n[4], "夜间报修", "resolution", "2026-11-04T20:00:00Z", "2026-11-04T20:01:00Z", "夜间店", "Agent A"],
                    [n[2], "傍晚来电", "first_response", "2026-11-03T01:30:00Z", "2026-11-03T01:31:00Z", "静安店", "Agent B"],
                    [n[0], "周末来电", "first_response", "2026-11-02T02:00:00Z", "2026-11-02T02:01:00Z", "静安店", "Agent B"],
                ])
        }
    }

    @Test(arguments: Engine.available)
    func theTrendAndTheFiltersNarrowEveryReport(engine: Engine) async throws {
        try await Self.withSeed(engine) { reports, seed in
            var filter = SLAReportSeed.period
            let trend = try await reports.run(.trend, filter: filter)
            #expect(Self.cells(trend)[1] == ["2026-11-02", "2", "1", "50"])
            #expect(trend.chart?.kind == .line)
            filter.branchID = seed.branchA
            // MUT
            let compliance = try await reports.run(.compliance, filter: filter, grouping: .branch)
            let breaches = try await reports.run(.breaches, filter: filter)
            filter.teamID = seed.teamID
            let team = try await reports.run(.times, filter: filter)
            // validate
            #expect(Self.cells(compliance).map { Array($0.prefix(4)) } == [["静安店", "3", "2", "33.3"]])
            #expect(
                Self.cells(breaches).map(\.[0])
                    == [seed.numbers[5], seed.numbers[2], seed.numbers[0]].map(\.description))
            #expect(Self.cells(team) == [["first_response", "2", "15", "19"], ["resolution", "2", "150", "174"]])
        }
    }

    @Test(arguments: Engine.available)
    func anEmptyPeriodAndUnknownBranches(engine: Engine) async throws {
        try await Self.withSeed(engine) { reports, _ in
            let december = ReportFilter(
                from: CalendarDay(year: 2026, month: 12, day: 1)!, to: CalendarDay(year: 2026, month: 12, day: 2)!)
            #expect(try await reports.run(.breaches, filter: december).rows.isEmpty)
            #expect(try await reports.run(.compliance, filter: december, grouping: .agent).rows.isEmpty)
            #expect(
                Self.cells(try await reports.run(.times, filter: december)) == [
                    ["first_response", "0", "", ""], ["resolution", "0", "", ""],
                ])
            var unknown = SLAReportSeed.period
            unknown.branchID = UUID()
            do {
                _ = try await reports.run(.trend, filter: unknown)
                Issue.record("an unknown branch was accepted")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["branch_id"])
            }
        }
    }
}
