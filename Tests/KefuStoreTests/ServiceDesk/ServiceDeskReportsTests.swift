import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// Each service-desk report's figures on the seeded tickets (`ServiceDeskReportSeed`), on both databases.
@Suite("ServiceDeskReports")
struct ServiceDeskReportsTests {
    /// The report's rows as plain text, as the CSV would write them.
    static func cells(_ report: Report) -> [[String]] { report.rows.map { $0.map(\.plainText) } }

    @Test(arguments: Engine.available)
    func countsByStatusTypeAndChannelInTheLocalPeriod(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await ServiceDeskReportSeed.seed(database)
            let reports = ServiceDeskReports(database)
            let period = ServiceDeskReportSeed.period
            // MUT
            let status = try await reports.run(.ticketsByStatus, filter: period)
            let type = try await reports.run(.ticketsByType, filter: period)
            let channel = try await reports.run(.ticketsByChannel, filter: period)
            // validate: the two compliments fall outside the local period, the merged inquiry counts nowhere
            #expect(
                Self.cells(status) == [
                    ["new", "2", "33.3"], ["open", "1", "16.7"], ["pending_customer", "0", "0"],
                    ["on_hold", "0", "0"], ["resolved", "3", "50"], ["closed", "0", "0"],
                ])
            #expect(
                Self.cells(type) == [
                    ["inquiry", "1", "16.7"], ["request", "1", "16.7"], ["complaint", "4", "66.7"],
                    ["compliment", "0", "0"],
                ])
            #expect(Self.cells(channel).map { $0[1] } == ["2", "1", "1", "1", "1", "0"])
            #expect(status.chart == ReportChart(.bar, labelColumn: "status", valueColumns: ["tickets"]))
        }
    }

    @Test(arguments: Engine.available)
    func responseTimesAreMediansAndNinetiethPercentiles(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await ServiceDeskReportSeed.seed(database)
            // MUT
            let report = try await ServiceDeskReports(database).run(
                .responseTimes, filter: ServiceDeskReportSeed.period)
            // validate: first replies after 1 h, 30 min and 2 h; resolutions after 3 h, 12 h and 48 h
            #expect(
                Self.cells(report) == [
                    ["first_response", "3", "3600", "6480"], ["resolution", "3", "43200", "146880"],
                ])
        }
    }

    @Test(arguments: Engine.available)
    func ticketsPerLocalDay(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await ServiceDeskReportSeed.seed(database)
            let report = try await ServiceDeskReports(database).run(.ticketsByDay, filter: ServiceDeskReportSeed.period)
            let rows = Self.cells(report)
            #expect(rows.count == 30)
            #expect(rows.first == ["2026-11-01", "1", "0"])
            #expect(rows[2] == ["2026-11-03", "1", "1"])
            #expect(rows[4] == ["2026-11-05", "0", "0"])
            #expect(rows.last == ["2026-11-30", "0", "0"])
            #expect(rows.map { Int($0[1])! }.reduce(0, +) == 6)
        }
    }

    @Test(arguments: Engine.available)
    func complaintCausesRecurringCausesAndTheSilentMajority(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let seed = try await ServiceDeskReportSeed.seed(database)
            let reports = ServiceDeskReports(database)
            let period = ServiceDeskReportSeed.period
            // MUT
            let causes = try await reports.run(.complaintCauses, filter: period)
            let recurring = try await reports.run(.recurringCauses, filter: period)
            let silent = try await reports.run(.silentMajority, filter: period)
            // validate
            #expect(
                Self.cells(causes) == [
                    ["压缩机故障", "Compressor failure", "产品质量", "3", "75", "75"],
                    [seed.rude.name, "", seed.rude.category, "1", "25", "100"],
                ])
            #expect(causes.chart?.kind == .pareto)
            #expect(
                Self.cells(recurring) == [
                    ["压缩机故障", "Compressor failure", "产品质量", "3", "3", "2026-11-03", "2026-11-20"]
                ])
            // 4 complaints, 1 resolved within 24 h, under the seed's factors.
            let figures = Dictionary(uniqueKeysWithValues: Self.cells(silent).map { ($0[0], Array($0[1...])) })
            #expect(figures["complaints"] == ["4", "4", "", ""])
            #expect(figures["dissatisfied_customers"] == ["80", "80", "complaining_share", "5%"])
            #expect(figures["people_told_first_hand"] == ["400", "800", "told_per_teller", "10–20"])
            #expect(figures["people_reached"] == ["1000", "3200", "", ""])
            #expect(figures["fast_resolved"] == ["1", "1", "fast_resolution", "≤ 24 h"])
            #expect(figures["returning_complainers"] == ["1", "1", "fast_resolved_return_share", "95%"])
        }
    }

    @Test(arguments: Engine.available)
    func theRecurringRuleAndTheFactorsAreSettings(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await ServiceDeskReportSeed.seed(database)
            let settings = SettingsRepository(database)
            var changed = try await settings.get()
            changed.serviceDesk.recurringCauseCount = 4
            changed.serviceDesk.silentMajority.complainingShare = 0.1
            _ = try await settings.update(changed, by: database.system("test"))
            let reports = ServiceDeskReports(database)
            let period = ServiceDeskReportSeed.period
            // MUT
            let recurring = try await reports.run(.recurringCauses, filter: period)
            let silent = try await reports.run(.silentMajority, filter: period)
            // validate: three compressor complaints are no longer enough; each complaint now stands for 10
            #expect(recurring.rows.isEmpty)
            #expect(Self.cells(silent)[1] == ["dissatisfied_customers", "40", "40", "complaining_share", "10%"])
        }
    }

    @Test(arguments: Engine.available)
    func branchAndTeamNarrowEveryReport(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let seed = try await ServiceDeskReportSeed.seed(database)
            let reports = ServiceDeskReports(database)
            var filter = ServiceDeskReportSeed.period
            filter.branchID = seed.branchID
            let branch = try await reports.run(.ticketsByType, filter: filter)
            #expect(Self.cells(branch).map { $0[1] } == ["1", "0", "1", "0"])
            let causes = try await reports.run(.complaintCauses, filter: filter)
            #expect(Self.cells(causes).map { $0[3] } == ["1"])
            filter.teamID = seed.teamID
            let team = try await reports.run(.ticketsByType, filter: filter)
            #expect(Self.cells(team).map { $0[1] } == ["1", "0", "0", "0"])
            let times = try await reports.run(.responseTimes, filter: filter)
            #expect(
                Self.cells(times) == [["first_response", "1", "3600", "3600"], ["resolution", "1", "10800", "10800"]])
        }
    }

    @Test(arguments: Engine.available)
    func anEmptyPeriodAndUnknownBranchesAndTeams(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await ServiceDeskReportSeed.seed(database)
            let reports = ServiceDeskReports(database)
            let empty = ReportFilter(
                from: CalendarDay(year: 2025, month: 1, day: 1)!, to: CalendarDay(year: 2025, month: 1, day: 31)!)
            #expect(try await reports.run(.complaintCauses, filter: empty).rows.isEmpty)
            #expect(
                Self.cells(try await reports.run(.responseTimes, filter: empty)) == [
                    ["first_response", "0", "", ""], ["resolution", "0", "", ""],
                ])
            #expect(
                Self.cells(try await reports.run(.ticketsByStatus, filter: empty)).map { $0[2] }.allSatisfy(\.isEmpty))
            var unknown = ServiceDeskReportSeed.period
            unknown.branchID = UUID()
            unknown.teamID = UUID()
            do {
                _ = try await reports.run(.ticketsByStatus, filter: unknown)
                Issue.record("an unknown branch was accepted")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["branch_id", "team_id"])
            }
        }
    }
}
