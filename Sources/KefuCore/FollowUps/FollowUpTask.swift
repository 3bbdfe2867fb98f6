public import Foundation

/// Where a follow-up task stands.
public enum FollowUpStatus: String, Codable, Sendable, CaseIterable {
    case due
    case done
    case unreachable
    case cancelled
}

/// What the customer said, recorded with `done`.
public enum FollowUpOutcome: String, Codable, Sendable, CaseIterable {
    case satisfied
    case neutral
    /// Something is wrong: a linked `request` ticket is opened in the same action.
    case issueFound = "issue_found"
}

/// One follow-up to make: a plan's step for one customer and one trigger event (`triggerKey`, e.g.
/// `purchase:<id>`), or an ad-hoc one without a plan.
public struct FollowUpTask: Codable, Sendable, Equatable {
    public var id: UUID
    public var planID: UUID?
    /// The plan's step, 0-based.
    public var step: Int
    public var customerID: UUID
    public var customerName: String?
    public var triggerKind: String
    public var triggerKey: String
    public var dueOn: CalendarDay
    public var channel: FollowUpChannel
    public var script: FollowUpScript
    public var assigneeID: UUID?
    public var status: FollowUpStatus
    public var outcome: FollowUpOutcome?
    public var note: String?
    /// The ticket an `issue_found` outcome opened.
    public var ticketID: UUID?
    /// The resolved ticket or complaint that triggered the task.
    public var sourceTicketID: UUID?
    public var escalatedAt: Date?
    public var completedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, planID: UUID?, step: Int, customerID: UUID, customerName: String? = nil, triggerKind: String,
        triggerKey: String, dueOn: CalendarDay, channel: FollowUpChannel, script: FollowUpScript,
        assigneeID: UUID?, status: FollowUpStatus = .due, outcome: FollowUpOutcome? = nil, note: String? = nil,
        ticketID: UUID? = nil, sourceTicketID: UUID? = nil, escalatedAt: Date? = nil, completedAt: Date? = nil,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.planID = planID
        self.step = step
        self.customerID = customerID
        self.customerName = customerName
        self.triggerKind = triggerKind
        self.triggerKey = triggerKey
        self.dueOn = dueOn
        self.channel = channel
        self.script = script
        self.assigneeID = assigneeID
        self.status = status
        self.outcome = outcome
        self.note = note
        self.ticketID = ticketID
        self.sourceTicketID = sourceTicketID
        self.escalatedAt = escalatedAt
        self.completedAt = completedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id
        case planID = "plan_id"
        case step
        case customerID = "customer_id"
        case customerName = "customer_name"
        case triggerKind = "trigger_kind"
        case triggerKey = "trigger_key"
        case dueOn = "due_on"
        case channel, script
        case assigneeID = "assignee_id"
        case status, outcome, note
        case ticketID = "ticket_id"
        case sourceTicketID = "source_ticket_id"
        case escalatedAt = "escalated_at"
        case completedAt = "completed_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let dueText = try c.decode(String.self, forKey: .dueOn)
        guard let dueOn = CalendarDay(dateOnly: dueText) else {
            throw DecodingError.dataCorruptedError(forKey: .dueOn, in: c, debugDescription: "not a date: \(dueText)")
        }
        self.init(
            id: try c.decode(UUID.self, forKey: .id), planID: try c.decodeIfPresent(UUID.self, forKey: .planID),
            step: try c.decode(Int.self, forKey: .step), customerID: try c.decode(UUID.self, forKey: .customerID),
            customerName: try c.decodeIfPresent(String.self, forKey: .customerName),
            triggerKind: try c.decode(String.self, forKey: .triggerKind),
            triggerKey: try c.decode(String.self, forKey: .triggerKey), dueOn: dueOn,
            channel: try c.decode(FollowUpChannel.self, forKey: .channel),
            script: try c.decode(FollowUpScript.self, forKey: .script),
            assigneeID: try c.decodeIfPresent(UUID.self, forKey: .assigneeID),
            status: try c.decode(FollowUpStatus.self, forKey: .status),
            outcome: try c.decodeIfPresent(FollowUpOutcome.self, forKey: .outcome),
            note: try c.decodeIfPresent(String.self, forKey: .note),
            ticketID: try c.decodeIfPresent(UUID.self, forKey: .ticketID),
            sourceTicketID: try c.decodeIfPresent(UUID.self, forKey: .sourceTicketID),
            escalatedAt: try c.decodeIfPresent(Date.self, forKey: .escalatedAt),
            completedAt: try c.decodeIfPresent(Date.self, forKey: .completedAt),
            createdAt: try c.decode(Date.self, forKey: .createdAt),
            updatedAt: try c.decode(Date.self, forKey: .updatedAt))
    }

    /// Every member, nulls included, so API clients see each key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(planID, forKey: .planID)
        try c.encode(step, forKey: .step)
        try c.encode(customerID, forKey: .customerID)
        try c.encode(customerName, forKey: .customerName)
        try c.encode(triggerKind, forKey: .triggerKind)
        try c.encode(triggerKey, forKey: .triggerKey)
        try c.encode(dueOn.description, forKey: .dueOn)
        try c.encode(channel, forKey: .channel)
        try c.encode(script, forKey: .script)
        try c.encode(assigneeID, forKey: .assigneeID)
        try c.encode(status, forKey: .status)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(note, forKey: .note)
        try c.encode(ticketID, forKey: .ticketID)
        try c.encode(sourceTicketID, forKey: .sourceTicketID)
        try c.encode(escalatedAt, forKey: .escalatedAt)
        try c.encode(completedAt, forKey: .completedAt)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }
}
