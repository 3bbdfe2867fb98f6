public import Foundation

/// A stored ticket. A plain value: the SLA clock (due times, pauses) will hang off it from its own type,
/// keyed by `id`, rather than grow this one.
public struct Ticket: Codable, Sendable, Equatable, Identifiable {
    public var id: UUID
    public var number: TicketNumber
    public var type: TicketType
    public var channel: TicketChannel
    public var subject: String
    public var description: String
    public var priority: TicketPriority
    public var status: TicketStatus
    public var customerID: UUID
    public var branchID: UUID?
    public var teamID: UUID?
    public var tags: [String]
    /// When the customer made contact, which may precede `createdAt` for a call logged afterwards.
    public var receivedAt: Date
    /// The accountable person (首问负责); stays through transfers.
    public var ownerID: UUID?
    /// Who works the ticket now; the owner by default.
    public var assigneeID: UUID?
    /// When it last became `resolved`: the reopen window counts from here. Nil unless resolved or closed.
    public var resolvedAt: Date?
    /// The ticket this one was merged into (it is then closed and read-only); nil otherwise.
    public var mergedInto: UUID?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, number: TicketNumber, type: TicketType, channel: TicketChannel, subject: String,
        description: String, priority: TicketPriority = .default, status: TicketStatus = .new, customerID: UUID,
        branchID: UUID? = nil, teamID: UUID? = nil, tags: [String] = [], receivedAt: Date, ownerID: UUID? = nil,
        assigneeID: UUID? = nil, resolvedAt: Date? = nil, mergedInto: UUID? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.number = number
        self.type = type
        self.channel = channel
        self.subject = subject
        self.description = description
        self.priority = priority
        self.status = status
        self.customerID = customerID
        self.branchID = branchID
        self.teamID = teamID
        self.tags = tags
        self.receivedAt = receivedAt
        self.ownerID = ownerID
        self.assigneeID = assigneeID
        self.resolvedAt = resolvedAt
        self.mergedInto = mergedInto
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// A new ticket from a validated draft: status `new`, assignee = owner (the owner works it by default; that is
    /// not a transfer).
    public init(id: UUID, number: TicketNumber, draft: TicketDraft, ownerID: UUID?, now: Date) {
        self.init(
            id: id, number: number, type: draft.type, channel: draft.channel, subject: draft.subject,
            description: draft.description, priority: draft.priority ?? .default, customerID: draft.customerID,
            branchID: draft.branchID, teamID: draft.teamID, tags: draft.tags, receivedAt: draft.receivedAt ?? now,
            ownerID: ownerID, assigneeID: ownerID, createdAt: now, updatedAt: now)
    }

    enum CodingKeys: String, CodingKey {
        case id, number, type, channel, subject, description, priority, status
        case customerID = "customer_id"
        case branchID = "branch_id"
        case teamID = "team_id"
        case tags
        case receivedAt = "received_at"
        case ownerID = "owner_id"
        case assigneeID = "assignee_id"
        case resolvedAt = "resolved_at"
        case mergedInto = "merged_into"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// Like the synthesised encoder, but an absent owner, assignee, branch, team, resolution or survivor is
    /// written as `null`: API clients rely on every key of the ticket JSON being there.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(number, forKey: .number)
        try c.encode(type, forKey: .type)
        try c.encode(channel, forKey: .channel)
        try c.encode(subject, forKey: .subject)
        try c.encode(description, forKey: .description)
        try c.encode(priority, forKey: .priority)
        try c.encode(status, forKey: .status)
        try c.encode(customerID, forKey: .customerID)
        try c.encode(branchID, forKey: .branchID)
        try c.encode(teamID, forKey: .teamID)
        try c.encode(tags, forKey: .tags)
        try c.encode(receivedAt, forKey: .receivedAt)
        try c.encode(ownerID, forKey: .ownerID)
        try c.encode(assigneeID, forKey: .assigneeID)
        try c.encode(resolvedAt, forKey: .resolvedAt)
        try c.encode(mergedInto, forKey: .mergedInto)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }
}
