/// A policy as an admin writes it (`POST /api/v1/sla-policies`, or a PATCH applied to a stored one).
public struct SLAPolicyDraft: Codable, Sendable, Equatable {
    public var name: String
    public var tiers: [String]?
    public var priorities: [TicketPriority]?
    public var types: [TicketType]?
    public var firstResponseMinutes: Int
    public var nextReplyMinutes: Int?
    public var resolutionMinutes: Int
    public var raisePriorityOnBreach: Bool?

    public init(
        name: String, tiers: [String]? = nil, priorities: [TicketPriority]? = nil, types: [TicketType]? = nil,
        firstResponseMinutes: Int, nextReplyMinutes: Int? = nil, resolutionMinutes: Int,
        raisePriorityOnBreach: Bool? = nil
    ) {
        self.name = name
        self.tiers = tiers
        self.priorities = priorities
        self.types = types
        self.firstResponseMinutes = firstResponseMinutes
        self.nextReplyMinutes = nextReplyMinutes
        self.resolutionMinutes = resolutionMinutes
        self.raisePriorityOnBreach = raisePriorityOnBreach
    }

    enum CodingKeys: String, CodingKey {
        case name, tiers, priorities, types
        case firstResponseMinutes = "first_response_minutes"
        case nextReplyMinutes = "next_reply_minutes"
        case resolutionMinutes = "resolution_minutes"
        case raisePriorityOnBreach = "raise_priority_on_breach"
    }

    /// Whole business minutes, at most a year of round-the-clock ones.
    public static let maxMinutes = 525_600
    public static let maxNameLength = 200

    /// The draft with its name trimmed and repeated values dropped, or every problem found, each naming
    /// its JSON field. `knownTiers` are the tiers configured in settings.
    public func validated(knownTiers: [String]) throws(ValidationFailure) -> SLAPolicyDraft {
        var out = self
        var errors: [FieldError] = []
        out.name = name.trimmingWhitespace()
        if out.name.isEmpty {
            errors.append(FieldError(field: "name", code: "required", message: "Name is required."))
        } else if out.name.count > Self.maxNameLength {
            errors.append(
                FieldError(field: "name", code: "too_long", message: "Longer than \(Self.maxNameLength) characters."))
        }
        out.tiers = tiers.map(Self.unique)
        out.priorities = priorities.map(Self.unique)
        out.types = types.map(Self.unique)
        for (field, count) in [
            ("tiers", out.tiers?.count), ("priorities", out.priorities?.count), ("types", out.types?.count),
        ]
        where count == 0 {
            errors.append(
                FieldError(field: field, code: "empty", message: "List at least one value, or null to match any."))
        }
        for tier in out.tiers ?? [] where !knownTiers.contains(tier) {
            errors.append(
                FieldError(
                    field: "tiers", code: "unknown_tier",
                    message: "Unknown tier \(tier); the tiers are \(knownTiers.joined(separator: ", "))."))
        }
        let minutes: [(String, Int?)] = [
            ("first_response_minutes", firstResponseMinutes), ("next_reply_minutes", nextReplyMinutes),
            ("resolution_minutes", resolutionMinutes),
        ]
        for case (let field, let value?) in minutes where !(1...Self.maxMinutes).contains(value) {
            errors.append(
                FieldError(
                    field: field, code: "out_of_range", message: "Between 1 and \(Self.maxMinutes) business minutes."))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return out
    }

    private static func unique<Value: Hashable>(_ values: [Value]) -> [Value] {
        var seen = Set<Value>()
        return values.filter { seen.insert($0).inserted }
    }
}
