public import Foundation

/// A follow-up plan (回访计划): a trigger and the steps it schedules. A plan applies only to trigger events
/// stored after it was created (no back-fill); deactivated, it schedules nothing new.
public struct FollowUpPlan: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var trigger: FollowUpTrigger
    public var steps: [FollowUpStep]
    public var teamID: UUID?
    public var active: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, draft: FollowUpPlanDraft, createdAt: Date, updatedAt: Date) {
        self.id = id
        name = draft.name ?? ""
        trigger = draft.trigger ?? FollowUpTrigger(kind: .purchase)
        steps = draft.steps ?? []
        teamID = draft.teamID
        active = draft.active ?? true
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, trigger, steps
        case teamID = "team_id"
        case active
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(trigger, forKey: .trigger)
        try c.encode(steps, forKey: .steps)
        try c.encode(teamID, forKey: .teamID)
        try c.encode(active, forKey: .active)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }

    /// The editable part, which a PATCH is merged into.
    public var draft: FollowUpPlanDraft {
        FollowUpPlanDraft(name: name, trigger: trigger, steps: steps, teamID: teamID, active: active)
    }
}
