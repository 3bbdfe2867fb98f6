public import Foundation

/// One change of assignee, listed on the ticket as
/// `transfers: [{"by_id", "from_id", "to_id", "reason", "created_at"}]`. The owner is notified unless they made
/// it (`notifiesOwner`).
public struct TicketTransfer: Codable, Sendable, Equatable {
    public var byID: UUID
    /// Nil when the ticket had no assignee.
    public var fromID: UUID?
    /// Nil when the ticket is left unassigned.
    public var toID: UUID?
    public var reason: String
    public var createdAt: Date

    public init(byID: UUID, fromID: UUID?, toID: UUID?, reason: String, createdAt: Date) {
        self.byID = byID
        self.fromID = fromID
        self.toID = toID
        self.reason = reason
        self.createdAt = createdAt
    }

    /// True when the ticket's owner should hear of it: they did not make it themselves.
    public func notifiesOwner(_ ownerID: UUID?) -> Bool {
        guard let ownerID else { return false }
        return ownerID != byID
    }

    /// Who hears of it: the new assignee (`ticket.assigned`) unless they made it, and the owner
    /// (`ticket.transferred`) unless they made it or are that assignee (who hears of it already).
    public func recipients(ownerID: UUID?) -> [NotificationRecipient] {
        var out: [NotificationRecipient] = []
        if let toID, toID != byID {
            out.append(NotificationRecipient(userID: toID, kind: NotificationKind.ticketAssigned))
        }
        if let ownerID, notifiesOwner(ownerID), ownerID != toID {
            out.append(NotificationRecipient(userID: ownerID, kind: NotificationKind.ticketTransferred))
        }
        return out
    }

    enum CodingKeys: String, CodingKey {
        case byID = "by_id"
        case fromID = "from_id"
        case toID = "to_id"
        case reason
        case createdAt = "created_at"
    }

    /// `from_id` and `to_id` are written as `null` when nobody, rather than left out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(byID, forKey: .byID)
        try c.encode(fromID, forKey: .fromID)
        try c.encode(toID, forKey: .toID)
        try c.encode(reason, forKey: .reason)
        try c.encode(createdAt, forKey: .createdAt)
    }
}
