public import Foundation

/// What a create request gives (`POST /api/v1/tickets`, the agent's form, the public form after the
/// customer is found). `validated(now:)` turns it into the values a `Ticket` is made from.
public struct TicketDraft: Codable, Sendable, Equatable {
    public var customerID: UUID
    public var type: TicketType
    public var channel: TicketChannel
    public var subject: String
    public var description: String
    /// Nil means the default, `normal`.
    public var priority: TicketPriority?
    public var branchID: UUID?
    public var teamID: UUID?
    public var tags: [String]
    /// When the contact happened; nil means now. Given for a call or visit logged afterwards.
    public var receivedAt: Date?
    /// Only a manager or admin may name the owner (`TicketOwnership`); whether the account exists is the store's
    /// question.
    public var ownerID: UUID?

    public init(
        customerID: UUID, type: TicketType, channel: TicketChannel, subject: String, description: String = "",
        priority: TicketPriority? = nil, branchID: UUID? = nil, teamID: UUID? = nil, tags: [String] = [],
        receivedAt: Date? = nil, ownerID: UUID? = nil
    ) {
        self.customerID = customerID
        self.type = type
        self.channel = channel
        self.subject = subject
        self.description = description
        self.priority = priority
        self.branchID = branchID
        self.teamID = teamID
        self.tags = tags
        self.receivedAt = receivedAt
        self.ownerID = ownerID
    }

    enum CodingKeys: String, CodingKey {
        case customerID = "customer_id"
        case type, channel, subject, description, priority
        case branchID = "branch_id"
        case teamID = "team_id"
        case tags
        case receivedAt = "received_at"
        case ownerID = "owner_id"
    }

    /// `description` and `tags` may be left out of a request.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            customerID: try c.decode(UUID.self, forKey: .customerID),
            type: try c.decode(TicketType.self, forKey: .type),
            channel: try c.decode(TicketChannel.self, forKey: .channel),
            subject: try c.decode(String.self, forKey: .subject),
            description: try c.decodeIfPresent(String.self, forKey: .description) ?? "",
            priority: try c.decodeIfPresent(TicketPriority.self, forKey: .priority),
            branchID: try c.decodeIfPresent(UUID.self, forKey: .branchID),
            teamID: try c.decodeIfPresent(UUID.self, forKey: .teamID),
            tags: try c.decodeIfPresent([String].self, forKey: .tags) ?? [],
            receivedAt: try c.decodeIfPresent(Date.self, forKey: .receivedAt),
            ownerID: try c.decodeIfPresent(UUID.self, forKey: .ownerID))
    }
}
