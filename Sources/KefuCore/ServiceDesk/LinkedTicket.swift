public import Foundation

/// A link as one ticket lists it: the ticket at the other end, the kind, and which end wrote it. Two tickets are
/// joined by at most one link, so the other ticket's id also names the link (`DELETE …/links/{that id}`).
public struct LinkedTicket: Sendable, Equatable {
    public var ticketID: UUID
    public var number: TicketNumber
    public var subject: String
    public var status: TicketStatus
    public var kind: TicketLinkKind
    public var direction: Direction
    public var createdAt: Date

    /// `outgoing` when this ticket wrote the link (for `duplicate_of`: this ticket is the duplicate), `incoming`
    /// when the other one did.
    public enum Direction: String, Codable, Sendable {
        case outgoing
        case incoming
    }

    public init(
        ticketID: UUID, number: TicketNumber, subject: String, status: TicketStatus, kind: TicketLinkKind,
        direction: Direction, createdAt: Date
    ) {
        self.ticketID = ticketID
        self.number = number
        self.subject = subject
        self.status = status
        self.kind = kind
        self.direction = direction
        self.createdAt = createdAt
    }
}

extension LinkedTicket: Encodable {
    enum CodingKeys: String, CodingKey {
        case id
        case ticketID = "ticket_id"
        case number, subject, status, kind, direction
        case createdAt = "created_at"
    }

    /// `{"id", "ticket_id", "number", "subject", "status", "kind", "direction", "created_at"}`, where `id` (what
    /// `DELETE` takes) is the other ticket's id.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ticketID, forKey: .id)
        try c.encode(ticketID, forKey: .ticketID)
        try c.encode(number, forKey: .number)
        try c.encode(subject, forKey: .subject)
        try c.encode(status, forKey: .status)
        try c.encode(kind, forKey: .kind)
        try c.encode(direction, forKey: .direction)
        try c.encode(createdAt, forKey: .createdAt)
    }
}
