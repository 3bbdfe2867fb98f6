import Foundation
import Testing

@testable import KefuCore

@Suite struct QueueReportTests {
    static let service = QueueReportData.Service(id: UUID(), name: "存款", targetWaitMinutes: 1)
    static let counter = UUID()
    /// 2026-11-02 01:30 UTC: 09:30 in Shanghai.
    static let morning = Date(timeIntervalSince1970: 1_793_583_000)

    static func data(_ tickets: [QueueReportData.Ticket], days: Int = 1, zone: String = "Asia/Shanghai")
        -> QueueReportData
    {
        QueueReportData(
            services: [service], tickets: tickets, noShows: [], days: days, timeZone: TimeZone(identifier: zone)!)
    }

    static func served(at start: Date, seconds: Double, agent: (UUID, String)? = nil) -> QueueReportData.Ticket {
        QueueReportData.Ticket(
            serviceID: service.id, queueClass: .normal, counterID: counter, agentID: agent?.0, agentName: agent?.1,
            issuedAt: start, calledAt: start, startedAt: start, finishedAt: start.addingTimeInterval(seconds))
    }

    @Test func hoursAreCountedInTheBranchsTimeZone() {
        let tickets = [Self.served(at: Self.morning, seconds: 60)]
        func busiest(_ zone: String) -> String? {
            QueueReport.arrivals.build(Self.data(tickets, zone: zone)).rows.first { $0[1] == .integer(1) }?[0]
                .plainText
        }
        #expect(busiest("Asia/Shanghai") == "09:00")
        #expect(busiest("UTC") == "01:00")
    }

    @Test func ticketsNobodyServedComeLastUnderNoAgent() {
        let report = QueueReport.serviceTimesByAgent.build(
            Self.data([
                Self.served(at: Self.morning, seconds: 300),
                Self.served(at: Self.morning, seconds: 120, agent: (UUID(), "Zoe")),
                Self.served(at: Self.morning, seconds: 60, agent: (UUID(), "Ann")),
            ]))
        #expect(
            report.rows.map { $0.map(\.plainText) } == [
                ["Ann", "1", "60", "60"], ["Zoe", "1", "120", "120"], ["", "1", "300", "300"],
            ])
    }

    @Test func theRecommendationIsErlangCsForTheHoursDailyLoad() throws {
        // 40 arrivals at 09:30 over two days at one counter: 20 an hour a day of 300 s each, against a one-minute
        // target, and the counter open on one of the two days.
        let tickets = (0..<40).map { _ in Self.served(at: Self.morning, seconds: 300) }
        let row = QueueReport.staffing.build(Self.data(tickets, days: 2)).rows[9]
        let expected = try Staffing.plan(
            for: ErlangC(calls: 20, intervalSeconds: 3600, ahtSeconds: 300),
            target: StaffingTarget(targetSeconds: 60, serviceLevel: QueueReport.serviceLevel)
        ).agents
        #expect(expected > 2)
        #expect(row.map(\.plainText) == ["09:00", "20", "300", "1", "0.5", String(expected)])
    }
}
