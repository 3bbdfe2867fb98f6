import Foundation
import KefuCore
import Testing

@Suite("Follow-up task changes")
struct FollowUpTaskChangeTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func task(_ status: FollowUpStatus = .due, outcome: FollowUpOutcome? = nil) -> FollowUpTask {
        FollowUpTask(
            id: UUID(), planID: UUID(), step: 0, customerID: UUID(), triggerKind: "purchase", triggerKey: "purchase:x",
            dueOn: CalendarDay(year: 2026, month: 3, day: 2)!, channel: .phone, script: FollowUpScript(),
            assigneeID: nil, status: status, outcome: outcome, createdAt: now.addingTimeInterval(-86_400),
            updatedAt: now.addingTimeInterval(-86_400))
    }

    static func codes(_ change: FollowUpTaskChange, _ task: FollowUpTask) -> [String] {
        do {
            _ = try change.applied(to: task, now: now)
            return []
        } catch {
            return error.errors.map { "\($0.field):\($0.code)" }
        }
    }

    @Test func anOutcomeWithoutAStatusIsDone() throws {
        let (task, opens) = try FollowUpTaskChange(outcome: .satisfied, note: " 很满意 ").applied(
            to: Self.task(), now: Self.now)
        #expect(task.status == .done && task.outcome == .satisfied && task.note == "很满意" && !opens)
        #expect(task.completedAt == Self.now && task.updatedAt == Self.now)
        let (issue, opensTicket) = try FollowUpTaskChange(outcome: .issueFound).applied(to: Self.task(), now: Self.now)
        #expect(issue.status == .done && opensTicket)
    }

    @Test func outcomesGoOnlyWithDone() {
        #expect(
            Self.codes(FollowUpTaskChange(status: .unreachable, outcome: .issueFound), Self.task()) == [
                "outcome:requires_done"
            ])
        #expect(
            Self.codes(FollowUpTaskChange(status: .due, outcome: .neutral), Self.task()) == ["outcome:requires_done"])
    }

    @Test func transitions() throws {
        #expect(
            try FollowUpTaskChange(status: .unreachable).applied(to: Self.task(), now: Self.now).task.status
                == .unreachable)
        let retried = try FollowUpTaskChange(status: .due).applied(to: Self.task(.unreachable), now: Self.now).task
        #expect(retried.status == .due && retried.completedAt == nil)
        #expect(Self.codes(FollowUpTaskChange(status: .due), Self.task(.cancelled)) == ["status:not_allowed"])
        #expect(
            Self.codes(FollowUpTaskChange(status: .due), Self.task(.done, outcome: .neutral)) == ["status:not_allowed"])
        #expect(Self.codes(FollowUpTaskChange(outcome: .satisfied), Self.task(.cancelled)) == ["status:not_allowed"])
        // A done task's outcome may change, but an issue found stays found.
        let changed = try FollowUpTaskChange(outcome: .satisfied).applied(
            to: Self.task(.done, outcome: .neutral), now: Self.now)
        #expect(changed.task.outcome == .satisfied && !changed.opensTicket)
        #expect(
            Self.codes(FollowUpTaskChange(outcome: .neutral), Self.task(.done, outcome: .issueFound)) == [
                "outcome:not_allowed"
            ])
        let found = Self.task(.done, outcome: .issueFound)
        let again = try FollowUpTaskChange(outcome: .issueFound).applied(to: found, now: Self.now)
        #expect(!again.opensTicket && again.task == found)
        // The note of a cancelled task may still change; blank clears it.
        let noted = try FollowUpTaskChange(note: "  ").applied(to: Self.task(.cancelled), now: Self.now).task
        #expect(noted.note == nil && noted.status == .cancelled)
        #expect(
            Self.codes(FollowUpTaskChange(note: String(repeating: "x", count: 5_001)), Self.task()) == ["note:too_long"]
        )
    }
}
