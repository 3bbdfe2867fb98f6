public import Foundation

/// Service targets for the tickets it matches (DOMAIN.md §2, "speed decides reputation"): how soon the
/// first answer, each next answer and the resolution are due, in business minutes on the ticket's
/// calendar. A dimension left nil matches any value.
public struct SLAPolicy: Codable, Sendable, Equatable, Identifiable {
    public var id: UUID
    public var name: String
    /// Customer tiers (as configured in settings), or nil for any.
    public var tiers: [String]?
    public var priorities: [TicketPriority]?
    public var types: [TicketType]?
    public var firstResponseMinutes: Int
    public var nextReplyMinutes: Int?
    public var resolutionMinutes: Int
    /// A breach raises the ticket's priority one step.
    public var raisePriorityOnBreach: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, draft: SLAPolicyDraft, createdAt: Date, updatedAt: Date) {
        self.id = id
        name = draft.name
        tiers = draft.tiers
        priorities = draft.priorities
        types = draft.types
        firstResponseMinutes = draft.firstResponseMinutes
        nextReplyMinutes = draft.nextReplyMinutes
        resolutionMinutes = draft.resolutionMinutes
        raisePriorityOnBreach = draft.raisePriorityOnBreach ?? false
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// What an edit starts from: the policy's own values.
    public var draft: SLAPolicyDraft {
        SLAPolicyDraft(
            name: name, tiers: tiers, priorities: priorities, types: types,
            firstResponseMinutes: firstResponseMinutes, nextReplyMinutes: nextReplyMinutes,
            resolutionMinutes: resolutionMinutes, raisePriorityOnBreach: raisePriorityOnBreach)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, tiers, priorities, types
        case firstResponseMinutes = "first_response_minutes"
        case nextReplyMinutes = "next_reply_minutes"
        case resolutionMinutes = "resolution_minutes"
        case raisePriorityOnBreach = "raise_priority_on_breach"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// Every key is written, a dimension that matches anything as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(tiers, forKey: .tiers)
        try c.encode(priorities, forKey: .priorities)
        try c.encode(types, forKey: .types)
        try c.encode(firstResponseMinutes, forKey: .firstResponseMinutes)
        try c.encode(nextReplyMinutes, forKey: .nextReplyMinutes)
        try c.encode(resolutionMinutes, forKey: .resolutionMinutes)
        try c.encode(raisePriorityOnBreach, forKey: .raisePriorityOnBreach)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }

    /// True when every dimension the policy names holds the ticket's value.
    public func matches(tier: String?, priority: TicketPriority, type: TicketType) -> Bool {
        (tiers.map { tiers in tier.map(tiers.contains) ?? false } ?? true)
            && (priorities?.contains(priority) ?? true) && (types?.contains(type) ?? true)
    }

    /// The policy that applies to a ticket of this tier, priority and type: among the matching ones,
    /// the one naming the most dimensions; on a tie the one naming the tier, then the priority, then the
    /// type; then the oldest.
    public static func applying(
        to tier: String?, priority: TicketPriority, type: TicketType, among policies: [SLAPolicy]
    ) -> SLAPolicy? {
        policies.filter { $0.matches(tier: tier, priority: priority, type: type) }.min { $0.ranksBefore($1) }
    }

    private var specificity: [Int] {
        let named = [tiers != nil, priorities != nil, types != nil].map { $0 ? 1 : 0 }
        return [named.reduce(0, +)] + named
    }

    private func ranksBefore(_ other: SLAPolicy) -> Bool {
        if specificity != other.specificity { return specificity.lexicographicallyPrecedes(other.specificity, by: >) }
        if createdAt != other.createdAt { return createdAt < other.createdAt }
        return id.uuidString < other.id.uuidString
    }
}
