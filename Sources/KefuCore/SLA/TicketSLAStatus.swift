public import Foundation

/// A clock that ran out: which one, when it was due and when the breach was recorded.
public struct SLABreach: Codable, Sendable, Equatable {
    public var metric: SLAMetric
    public var dueAt: Date
    public var breachedAt: Date

    public init(metric: SLAMetric, dueAt: Date, breachedAt: Date) {
        self.metric = metric
        self.dueAt = dueAt
        self.breachedAt = breachedAt
    }

    enum CodingKeys: String, CodingKey {
        case metric
        case dueAt = "due_at"
        case breachedAt = "breached_at"
    }
}

/// Where a ticket stands against its SLA, as the ticket JSON and pages show it: the due instant of each
/// running clock (nil when no policy applies or the clock is met; while paused, as if the pause ended now),
/// the policy that applied at the last change, whether the clocks stand still, and every breach so far.
public struct TicketSLAStatus: Sendable, Equatable {
    public var policyID: UUID?
    public var paused: Bool
    public var firstResponseDueAt: Date?
    public var nextReplyDueAt: Date?
    public var resolutionDueAt: Date?
    public var breaches: [SLABreach]

    public init(
        policyID: UUID? = nil, paused: Bool = false, firstResponseDueAt: Date? = nil, nextReplyDueAt: Date? = nil,
        resolutionDueAt: Date? = nil, breaches: [SLABreach] = []
    ) {
        self.policyID = policyID
        self.paused = paused
        self.firstResponseDueAt = firstResponseDueAt
        self.nextReplyDueAt = nextReplyDueAt
        self.resolutionDueAt = resolutionDueAt
        self.breaches = breaches
    }

    /// The due instant of `metric`'s running clock.
    public func due(_ metric: SLAMetric) -> Date? {
        switch metric {
        case .firstResponse: firstResponseDueAt
        case .nextReply: nextReplyDueAt
        case .resolution: resolutionDueAt
        }
    }

    /// The earliest running due instant: what the `breaching_soon` view sorts by.
    public var earliestDue: Date? { [firstResponseDueAt, nextReplyDueAt, resolutionDueAt].compactMap(\.self).min() }

    /// Writes the three `*_due_at` keys and `sla` (`{"policy_id", "paused", "breaches"}`) into a ticket's JSON
    /// object, every key present (`null` when unset).
    public func encode(into encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(firstResponseDueAt, forKey: .firstResponseDueAt)
        try c.encode(nextReplyDueAt, forKey: .nextReplyDueAt)
        try c.encode(resolutionDueAt, forKey: .resolutionDueAt)
        var sla = c.nestedContainer(keyedBy: Keys.self, forKey: .sla)
        try sla.encode(policyID, forKey: .policyID)
        try sla.encode(paused, forKey: .paused)
        try sla.encode(breaches, forKey: .breaches)
    }

    private enum Keys: String, CodingKey {
        case firstResponseDueAt = "first_response_due_at"
        case nextReplyDueAt = "next_reply_due_at"
        case resolutionDueAt = "resolution_due_at"
        case sla
        case policyID = "policy_id"
        case paused, breaches
    }
}

extension TicketStatus {
    /// The clocks stand still while the ticket waits on the customer or is on hold (the `paused` the ticket
    /// shows), and while it is resolved, so a reopened ticket's resolution clock resumes where it stopped.
    public var stopsSLAClocks: Bool { self == .pendingCustomer || self == .onHold || self == .resolved }

    /// The statuses the ticket JSON calls paused.
    public var pausesSLA: Bool { self == .pendingCustomer || self == .onHold }
}

extension TicketPriority {
    /// One step up (low → normal → high → urgent), for a policy that raises the priority on a breach; nil at
    /// the top.
    public var raised: TicketPriority? {
        switch self {
        case .low: .normal
        case .normal: .high
        case .high: .urgent
        case .urgent: nil
        }
    }
}
