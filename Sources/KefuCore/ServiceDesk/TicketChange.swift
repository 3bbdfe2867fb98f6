public import Foundation

/// What `PATCH /api/v1/tickets/{id}` may change; absent keys change nothing. `assignee_id: null`
/// leaves the ticket unassigned, which is a transfer like any other change of assignee.
public struct TicketChange: Sendable, Equatable, Decodable {
    public var status: TicketStatus?
    public var priority: TicketPriority?
    public var tags: [String]?
    /// Nil: unchanged; `.some(nil)`: nobody.
    public var assigneeID: UUID??
    public var transferReason: String?

    public init(
        status: TicketStatus? = nil, priority: TicketPriority? = nil, tags: [String]? = nil,
        assigneeID: UUID?? = nil, transferReason: String? = nil
    ) {
        self.status = status
        self.priority = priority
        self.tags = tags
        self.assigneeID = assigneeID
        self.transferReason = transferReason
    }

    enum CodingKeys: String, CodingKey {
        case status, priority, tags
        case assigneeID = "assignee_id"
        case transferReason = "transfer_reason"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decodeIfPresent(TicketStatus.self, forKey: .status)
        priority = try c.decodeIfPresent(TicketPriority.self, forKey: .priority)
        tags = try c.decodeIfPresent([String].self, forKey: .tags)
        if c.contains(.assigneeID) {
            assigneeID = .some(
                try c.decodeNil(forKey: .assigneeID) ? nil : try c.decode(UUID.self, forKey: .assigneeID))
        }
        transferReason = try c.decodeIfPresent(String.self, forKey: .transferReason)
    }

    /// The change with its tags cleaned and checked as on a new ticket (`CustomerRules` limits).
    public func validated() throws(ValidationFailure) -> TicketChange {
        guard let tags else { return self }
        var out = self
        out.tags = CustomerProfile.cleanTags(tags)
        let errors = CustomerRules.tagErrors(out.tags ?? [], field: "tags")
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return out
    }
}
