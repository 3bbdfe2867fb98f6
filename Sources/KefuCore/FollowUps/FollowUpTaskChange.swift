public import Foundation

/// What `PATCH /api/v1/follow-ups/{id}` asks: a status, an outcome, a note; each optional.
public struct FollowUpTaskChange: Codable, Sendable, Equatable {
    public var status: FollowUpStatus?
    public var outcome: FollowUpOutcome?
    public var note: String?

    public init(status: FollowUpStatus? = nil, outcome: FollowUpOutcome? = nil, note: String? = nil) {
        self.status = status
        self.outcome = outcome
        self.note = note
    }

    public static let maxNoteLength = 5_000

    /// The task after this change, by these rules:
    /// - an outcome without a status means `done`; an outcome goes only with `done` (`issue_found` included);
    /// - `due` may become done, unreachable or cancelled; `unreachable` may be tried again (`due`), done or
    ///   cancelled; `done` stays done (its outcome may still change, but an `issue_found` stays, its ticket is
    ///   open); `cancelled` is final: nothing but the note changes;
    /// - a note may be changed on any task (blank clears it).
    /// `opensTicket` says whether the caller must open the linked ticket (`outcome` newly `issue_found`).
    public func applied(to task: FollowUpTask, now: Date) throws(ValidationFailure) -> (
        task: FollowUpTask, opensTicket: Bool
    ) {
        var errors: [FieldError] = []
        func fail(_ field: String, _ code: String, _ message: String) {
            errors.append(FieldError(field: field, code: code, message: message))
        }
        var out = task
        let status = status ?? (outcome != nil ? .done : task.status)
        if let outcome, status != .done {
            fail("outcome", "requires_done", "An outcome (\(outcome.rawValue)) is recorded only with status done.")
        }
        if status != task.status && !Self.allowed(from: task.status).contains(status) {
            fail("status", "not_allowed", "A \(task.status.rawValue) follow-up cannot become \(status.rawValue).")
        }
        if task.outcome == .issueFound, let outcome, outcome != .issueFound {
            fail("outcome", "not_allowed", "An issue_found outcome stays: its ticket is open.")
        }
        if let note {
            let text = note.trimmingWhitespace()
            if text.count > Self.maxNoteLength {
                fail("note", "too_long", "Note is longer than \(Self.maxNoteLength) characters.")
            }
            out.note = text.isEmpty ? nil : text
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        out.status = status
        if status == .done {
            out.outcome = outcome ?? task.outcome
        } else {
            out.outcome = nil
        }
        let finished: Set<FollowUpStatus> = [.done, .unreachable, .cancelled]
        if status != task.status {
            out.completedAt = finished.contains(status) ? now : nil
        }
        let opens = out.outcome == .issueFound && task.outcome != .issueFound
        if out != task { out.updatedAt = now }
        return (out, opens)
    }

    /// The statuses a task in `status` may move to.
    public static func allowed(from status: FollowUpStatus) -> Set<FollowUpStatus> {
        switch status {
        case .due: [.done, .unreachable, .cancelled]
        case .unreachable: [.due, .done, .cancelled]
        case .done, .cancelled: []
        }
    }
}
