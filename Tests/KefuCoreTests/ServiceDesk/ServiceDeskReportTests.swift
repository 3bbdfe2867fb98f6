import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct ServiceDeskReportTests {
        static func cause(_ n: Int, _ name: String, category: String = "产品") -> ComplaintCause {
            ComplaintCause(id: ServiceDeskTests.id(n), category: category, name: name, nameEN: nil)
        }

        static func at(_ days: Double) -> Date { ServiceDeskTests.now.addingTimeInterval(days * ServiceDeskTests.day) }

        @Test func everyCodeIsListedWithItsShare() {
            let report = ServiceDeskReport.counts(
                .ticketsByChannel, column: "channel", TicketChannel.self, ["phone": 3, "walk_in": 1])
            #expect(report.name == "tickets-by-channel")
            #expect(report.columns.map(\.key) == ["channel", "tickets", "share"])
            #expect(report.columns[0].valuePrefix == "ticket.channel.")
            #expect(report.rows.map { $0[0] } == TicketChannel.allCases.map { .text($0.rawValue) })
            #expect(report.rows.first == [.text("phone"), .integer(3), .decimal(75)])
            #expect(report.rows.last == [.text("walk_in"), .integer(1), .decimal(25)])
        }

        @Test func causesFormAParetoTable() {
            let compressor = Self.cause(1, "压缩机"), noise = Self.cause(2, "噪音"), door = Self.cause(3, "门")
            let occurrences = [compressor, noise, compressor, door, compressor, noise].enumerated().map {
                ServiceDeskReport.CauseOccurrence(cause: $1, receivedAt: Self.at(Double($0)))
            }
            let report = ServiceDeskReport.complaintCauses(occurrences)
            #expect(
                report.rows.map { $0.map(\.plainText) } == [
                    ["压缩机", "", "产品", "3", "50", "50"], ["噪音", "", "产品", "2", "33.3", "83.3"],
                    ["门", "", "产品", "1", "16.7", "100"],
                ])
            #expect(report.columns[0].englishColumn == "cause_en")
        }

        @Test func aCauseRecursWhenEnoughComplaintsFallWithinTheWindow() throws {
            let rule = RecurringCauseRule(count: 3, days: 30)
            #expect(rule.isRecurring([Self.at(0), Self.at(10), Self.at(29.9)]))
            #expect(!rule.isRecurring([Self.at(0), Self.at(10), Self.at(30)]))
            #expect(!rule.isRecurring([Self.at(0), Self.at(1)]))
            #expect(rule.peak([]) == nil)
            let peak = try #require(rule.peak([Self.at(100), Self.at(0), Self.at(50), Self.at(60), Self.at(70)]))
            #expect(peak.count == 3 && peak.first == Self.at(50) && peak.last == Self.at(70))
            let tie = try #require(
                RecurringCauseRule(count: 2, days: 5).peak([Self.at(20), Self.at(0), Self.at(1), Self.at(21)]))
            #expect(tie.first == Self.at(0) && tie.last == Self.at(1))
        }

        @Test func onlyRecurringCausesAreListed() {
            let often = Self.cause(1, "压缩机"), once = Self.cause(2, "噪音")
            let occurrences = [
                (often, 0.0), (often, 5), (often, 40), (often, 41), (often, 42), (once, 1),
            ].map { ServiceDeskReport.CauseOccurrence(cause: $0.0, receivedAt: Self.at($0.1)) }
            let report = ServiceDeskReport.recurringCauses(
                occurrences, rule: RecurringCauseRule(count: 3, days: 30), timeZone: TimeZone(identifier: "UTC")!)
            #expect(report.rows.count == 1)
            // 0 and 5 are too few, 5 and 40 too far apart: the peak is 40, 41 and 42.
            let first = CalendarDay(Self.at(40), in: TimeZone(identifier: "UTC")!).description
            let last = CalendarDay(Self.at(42), in: TimeZone(identifier: "UTC")!).description
            #expect(report.rows[0].map(\.plainText) == ["压缩机", "", "产品", "5", "3", first, last])
        }

        @Test func responseTimesIgnoreNegativeClocksAndShowNoFigureForNoTickets() {
            let report = ServiceDeskReport.responseTimes(firstResponses: [-5, 10, 20], resolutions: [])
            #expect(report.rows[0] == [.text("first_response"), .integer(3), .integer(10), .integer(18)])
            #expect(report.rows[1] == [.text("resolution"), .integer(0), .empty, .empty])
        }

        @Test func theSilentMajorityShowsEachFactorBesideItsFigure() {
            let report = ServiceDeskReport.silentMajority(
                complaints: 10, fastResolved: 8, estimator: SilentMajorityEstimator())
            let rows = Dictionary(uniqueKeysWithValues: report.rows.map { ($0[0].plainText, $0.map(\.plainText)) })
            #expect(
                rows["dissatisfied_customers"] == ["dissatisfied_customers", "200", "200", "complaining_share", "5%"])
            #expect(rows["people_told_second_hand"]?[1...] == ["1500", "6000", "retelling", "15% × 10–20"])
            #expect(
                rows["satisfied_word_of_mouth"] == ["satisfied_word_of_mouth", "15", "38", "told_per_satisfied", "2–5"])
            let nonsense = ServiceDeskReport.silentMajority(
                complaints: 2, fastResolved: 0, estimator: SilentMajorityEstimator(complainingShare: 0))
            #expect(nonsense.rows[0].map(\.plainText) == ["complaints", "2", "2", "", ""])
            #expect(nonsense.rows[1][1] == .empty)
        }

        @Test func aTinyComplainingShareGivesHugeFiguresNotACrash() {
            let estimator = SilentMajorityEstimator(
                complainingShare: 1e-305, toldPerTeller: .init(1_000_000, 1_000_000))
            let report = ServiceDeskReport.silentMajority(complaints: 5, fastResolved: 0, estimator: estimator)
            let rows = Dictionary(uniqueKeysWithValues: report.rows.map { ($0[0].plainText, $0) })
            #expect(rows["dissatisfied_customers"]?[1].plainText.hasSuffix("e+305") == true)
            #expect(rows["people_told_first_hand"]?[1] == .empty)
            #expect(ReportValue.whole(41.6) == .integer(42))
            #expect(ReportValue.decimal(1e20).plainText == "1e+20")
        }

        @Test func daysWithoutTicketsCountZero() {
            let filter = ReportFilter(
                from: CalendarDay(year: 2026, month: 2, day: 27)!, to: CalendarDay(year: 2026, month: 3, day: 2)!)
            let report = ServiceDeskReport.ticketsByDay(
                filter, received: [CalendarDay(year: 2026, month: 3, day: 1)!: 2], complaints: [:])
            #expect(
                report.rows.map { $0.map(\.plainText) } == [
                    ["2026-02-27", "0", "0"], ["2026-02-28", "0", "0"], ["2026-03-01", "2", "0"],
                    ["2026-03-02", "0", "0"],
                ])
            #expect(report.chart?.kind == .line)
        }
    }
}
