import Foundation
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@Suite("Walk-in queue reports")
struct QueueReportsTests {
    static let filter = ReportFilter(
        from: CalendarDay(year: 2026, month: 11, day: 2)!, to: CalendarDay(year: 2026, month: 11, day: 3)!)

    /// The report's cells as the CSV writes them.
    static func table(_ report: Report) -> [[String]] {
        report.rows.map { $0.map(\.plainText) }
    }

    /// Hours 00–23 of a report by hour, `filled` given and every other hour `empty` after its label.
    static func hours(_ filled: [Int: [String]], empty: [String]) -> [[String]] {
        (0..<24).map { hour in [(hour < 10 ? "0" : "") + "\(hour):00"] + (filled[hour] ?? empty) }
    }

    @Test(arguments: Engine.available)
    func everyReportCountsTheBranchsTicketsOfThePeriod(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            // setup
            let seed = try await QueueReportSeed.seed(database)
            var filter = Self.filter
            filter.branchID = seed.branch
            // MUT
            let data = try await QueueReports(database).data(filter)
            // validate
            #expect(data.timeZone.identifier == "Asia/Shanghai" && data.days == 2)
            #expect(data.tickets.count == 6)
            #expect(
                Self.table(QueueReport.arrivals.build(data))
                    == Self.hours([9: ["3", "1.5"], 10: ["2", "1"], 14: ["1", "0.5"]], empty: ["0", "0"]))
            #expect(
                Self.table(QueueReport.waitsByService.build(data)) == [
                    ["存款", "", "4", "540", "810", "900", "25"], ["贵宾", "VIP desk", "1", "1800", "1800", "1800", "100"],
                ])
            #expect(
                Self.table(QueueReport.waitsByClass.build(data)) == [
                    ["urgent", "0", "", "", "", ""], ["express", "1", "900", "900", "900", "100"],
                    ["vip", "1", "1800", "1800", "1800", "100"], ["normal", "3", "420", "552", "600", "0"],
                ])
            #expect(
                Self.table(QueueReport.noShows.build(data)) == [
                    ["存款", "", "4", "1", "25"], ["贵宾", "VIP desk", "1", "0", "0"],
                ])
            #expect(
                Self.table(QueueReport.serviceTimesByService.build(data)) == [
                    ["存款", "", "3", "560", "600"], ["贵宾", "VIP desk", "1", "1200", "1200"],
                ])
            #expect(
                Self.table(QueueReport.serviceTimesByAgent.build(data)) == [
                    ["李娜", "1", "480", "480"], ["王芳", "3", "800", "1080"],
                ])
            // 09:00: 1.5 arrivals a day of 560 s against 10 minutes — one counter; 10:00: one a day of 1200 s
            // against 12.5 minutes — one counter calls 78 % in time, two 98 %; 14:00 takes the period's 720 s.
            #expect(
                Self.table(QueueReport.staffing.build(data))
                    == Self.hours(
                        [
                            9: ["1.5", "560", "10", "1.5", "1"], 10: ["1", "1200", "12.5", "1", "2"],
                            14: ["0.5", "720", "10", "0", "1"],
                        ], empty: ["0", "", "", "0", "0"]))
            func accuracy(_ called: [QueueReportSeed.Called]) -> [String] {
                let error = called.map { abs($0.waitMinutes - $0.estimate.midpoint) }.reduce(0, +)
                let within = called.filter {
                    Double($0.estimate.low) <= $0.waitMinutes && $0.waitMinutes <= Double($0.estimate.high)
                }
                return [
                    "\(called.count)", ReportValue.score(error / Double(called.count)).plainText,
                    ReportValue.percent(within.count, of: called.count).plainText,
                ]
            }
            #expect(seed.called.allSatisfy { $0.estimate.low >= 0 && $0.estimate.high >= $0.estimate.low })
            #expect(Self.table(QueueReport.accuracy.build(data)) == [accuracy(seed.called)])
            #expect(
                Self.table(QueueReport.accuracyByService.build(data)) == [
                    ["存款", ""] + accuracy(seed.called.filter { $0.serviceID == seed.deposits }),
                    ["贵宾", "VIP desk"] + accuracy(seed.called.filter { $0.serviceID == seed.vipDesk }),
                ])
        }
    }

    @Test(arguments: Engine.available)
    func aBranchIsRequiredAndMustExist(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let reports = QueueReports(database)
            var filter = Self.filter
            for (branch, code) in [(nil, "branch_required"), (UUID(), "unknown_branch")] as [(UUID?, String)] {
                filter.branchID = branch
                do {
                    _ = try await reports.data(filter)
                    Issue.record("\(code) expected")
                } catch DomainError.invalid(let errors) {
                    #expect(errors.map(\.field) == ["branch_id"] && errors.map(\.code) == [code])
                }
            }
        }
    }

    @Test(arguments: Engine.available)
    func anEmptyPeriodReportsEveryServiceAndHourWithoutFigures(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let seed = try await QueueReportSeed.seed(database)
            let october = CalendarDay(year: 2026, month: 10, day: 1)!
            let data = try await QueueReports(database).data(
                ReportFilter(from: october, to: october, branchID: seed.branch))
            #expect(data.tickets.isEmpty)
            #expect(
                Self.table(QueueReport.waitsByService.build(data)) == [
                    ["存款", "", "0", "", "", "", ""], ["贵宾", "VIP desk", "0", "", "", "", ""],
                ])
            #expect(Self.table(QueueReport.accuracy.build(data)) == [["0", "", ""]])
            #expect(Self.table(QueueReport.staffing.build(data)) == Self.hours([:], empty: ["0", "", "", "0", "0"]))
        }
    }
}
