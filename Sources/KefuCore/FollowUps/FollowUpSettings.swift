/// The follow-up settings (`follow_ups` in the settings JSON): how long an overdue task waits before its
/// managers hear of it.
public struct FollowUpSettings: Codable, Sendable, Equatable {
    /// Days after its due date a task still `due` escalates.
    public var escalateAfterDays: Int

    public init(escalateAfterDays: Int = 1) {
        self.escalateAfterDays = escalateAfterDays
    }

    enum CodingKeys: String, CodingKey {
        case escalateAfterDays = "escalate_after_days"
    }

    /// Missing members take their defaults, so settings stored before one existed read.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        escalateAfterDays = try c.decodeIfPresent(Int.self, forKey: .escalateAfterDays) ?? 1
    }

    public func validationErrors() -> [FieldError] {
        guard (0...365).contains(escalateAfterDays) else {
            return [
                FieldError(
                    field: "follow_ups.escalate_after_days", code: "out_of_range",
                    message: "Escalate after must be between 0 and 365 days.")
            ]
        }
        return []
    }

    /// The latest due date that escalates on `today`: a task is overdue once its due date has ended, and
    /// escalates once `escalateAfterDays` more days have ended too (due Monday, grace 1: Wednesday).
    public func escalationCutoff(today: CalendarDay) -> CalendarDay {
        today.adding(days: -(escalateAfterDays + 1))
    }
}
