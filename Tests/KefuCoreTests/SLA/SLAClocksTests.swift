import Foundation
import KefuCore
import Testing

@Suite("SLA clocks")
struct SLAClocksTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let calendar = BusinessCalendar.standard(in: shanghai)

    static func at(_ text: String) -> Date { RFC3339.date(text)! }

    static let policy = SLAPolicy(
        id: UUID(),
        draft: SLAPolicyDraft(name: "标准", firstResponseMinutes: 60, nextReplyMinutes: 120, resolutionMinutes: 540),
        createdAt: at("2026-01-01T00:00:00Z"), updatedAt: at("2026-01-01T00:00:00Z"))

    @Test
    func clocksRunFromReceiptInBusinessMinutesAndWarnAtEightyPercent() throws {
        // Friday 17:30 in Shanghai: 30 minutes left that day, then Monday 09:00.
        let state = SLAClockState(receivedAt: Self.at("2026-01-30T17:30:00+08:00"))
        let deadlines = try Self.policy.deadlines(for: state, on: Self.calendar, now: state.receivedAt)
        #expect(deadlines.map(\.metric) == [.firstResponse, .resolution])
        #expect(deadlines[0].due == Self.at("2026-02-02T09:30:00+08:00"))
        #expect(deadlines[0].warning == Self.at("2026-02-02T09:18:00+08:00"))  // 48 of 60 minutes
        #expect(deadlines[1].due == Self.at("2026-02-02T17:30:00+08:00"))  // a full day of 540 minutes
    }

    @Test
    func metClocksStopAndTheNextReplyClockRunsFromTheCustomerMessage() throws {
        var state = SLAClockState(
            receivedAt: Self.at("2026-02-02T09:00:00+08:00"), firstResponseAt: Self.at("2026-02-02T09:10:00+08:00"),
            awaitingReplySince: Self.at("2026-02-02T10:00:00+08:00"))
        let deadlines = try Self.policy.deadlines(
            for: state, on: Self.calendar, now: Self.at("2026-02-02T10:00:00+08:00"))
        #expect(deadlines.map(\.metric) == [.nextReply, .resolution])
        #expect(deadlines[0].due == Self.at("2026-02-02T12:00:00+08:00"))
        state.isResolved = true
        #expect(try Self.policy.deadlines(for: state, on: Self.calendar, now: state.receivedAt).isEmpty)
        var noNextReply = Self.policy
        noNextReply.nextReplyMinutes = nil
        state.isResolved = false
        #expect(
            try noNextReply.deadlines(for: state, on: Self.calendar, now: state.receivedAt).map(\.metric) == [
                .resolution
            ])
    }

    @Test
    func pausesStopTheClockAndAPauseUnderWayCountsAsEndingNow() throws {
        let received = Self.at("2026-02-02T09:00:00+08:00")
        let ended = ClockPause(from: Self.at("2026-02-02T09:20:00+08:00"), to: Self.at("2026-02-02T09:50:00+08:00"))
        var state = SLAClockState(receivedAt: received, pauses: [ended])
        #expect(
            try Self.policy.deadlines(for: state, on: Self.calendar, now: received)[0].due
                == Self.at("2026-02-02T10:30:00+08:00"))
        state.pausedSince = Self.at("2026-02-02T10:00:00+08:00")
        let now = Self.at("2026-02-02T10:15:00+08:00")
        #expect(
            try Self.policy.deadlines(for: state, on: Self.calendar, now: now)[0].due
                == Self.at("2026-02-02T10:45:00+08:00"))
    }
}
