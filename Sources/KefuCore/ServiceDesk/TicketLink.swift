public import Foundation

/// A link from one ticket to another: `related`, or `duplicate_of` pointing at the original. A customer's reply
/// after the reopen window becomes a new ticket linked `related` to the old one.
public struct TicketLink: Codable, Sendable, Equatable, Hashable {
    public var ticketID: UUID
    public var linkedTicketID: UUID
    public var kind: TicketLinkKind

    public init(ticketID: UUID, linkedTicketID: UUID, kind: TicketLinkKind) {
        self.ticketID = ticketID
        self.linkedTicketID = linkedTicketID
        self.kind = kind
    }

    /// A link written on `ticket`, which must be writable (the linked one may be closed: that is the point of
    /// linking a follow-up to it); a ticket cannot link to itself.
    public static func validated(
        from ticket: Ticket, to linkedTicketID: UUID, kind: TicketLinkKind
    ) throws(ServiceDeskError) -> TicketLink {
        try TicketLifecycle.ensureWritable(ticket)
        guard linkedTicketID != ticket.id else {
            throw .invalid([
                FieldError(field: "ticket_id", code: "self_link", message: "A ticket cannot be linked to itself.")
            ])
        }
        return TicketLink(ticketID: ticket.id, linkedTicketID: linkedTicketID, kind: kind)
    }

    enum CodingKeys: String, CodingKey {
        case ticketID = "ticket_id"
        case linkedTicketID = "linked_ticket_id"
        case kind
    }
}
