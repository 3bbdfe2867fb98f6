import Foundation
import KefuCore

/// The `tickets` table row. `tags` is a JSON array of the tags as written (`ticket_tags` holds them
/// lower-cased for the filter); `search_text` is what a ticket search reads.
struct TicketRow: Codable {
    var id: UUID
    var number: Int64
    var type: String
    var channel: String
    var subject: String
    var description: String
    var priority: String
    var status: String
    var customer_id: UUID
    var branch_id: UUID?
    var team_id: UUID?
    var owner_id: UUID?
    var assignee_id: UUID?
    var received_at: Date
    var first_response_at: Date?
    var resolved_at: Date?
    var closed_at: Date?
    var merged_into: UUID?
    var tags: String
    var search_text: String
    /// The customer's lower-cased name, so the ticket's search index finds it by its customer.
    var customer_name: String
    /// `SearchGrams` of the search text and the customer's name (see `SearchIndex`).
    var search_grams: String
    /// The earliest running SLA due instant (`TicketSLA` keeps it); never written from here.
    var sla_due_at: Date?
    var created_at: Date
    var updated_at: Date

    init(_ ticket: Ticket, customerName: String) throws {
        id = ticket.id
        number = Int64(ticket.number.sequence)
        type = ticket.type.rawValue
        channel = ticket.channel.rawValue
        subject = ticket.subject
        description = ticket.description
        priority = ticket.priority.rawValue
        status = ticket.status.rawValue
        customer_id = ticket.customerID
        branch_id = ticket.branchID
        team_id = ticket.teamID
        owner_id = ticket.ownerID
        assignee_id = ticket.assigneeID
        received_at = ticket.receivedAt
        resolved_at = ticket.resolvedAt
        merged_into = ticket.mergedInto
        tags = try StoreJSON.encode(ticket.tags)
        search_text = [ticket.number.description, ticket.subject, ticket.description].joined(separator: "\n")
            .lowercased()
        customer_name = customerName
        search_grams = TicketSearch.grams(of: search_text, customerName: customerName)
        created_at = ticket.createdAt
        updated_at = ticket.updatedAt
    }

    func ticket() throws -> Ticket {
        guard let number = TicketNumber(sequence: Int(number)), let type = TicketType(rawValue: type),
            let channel = TicketChannel(rawValue: channel), let priority = TicketPriority(rawValue: priority),
            let status = TicketStatus(rawValue: status)
        else { throw StoreError.corrupt("ticket \(id) has a value outside its enumeration") }
        return Ticket(
            id: id, number: number, type: type, channel: channel, subject: subject, description: description,
            priority: priority, status: status, customerID: customer_id, branchID: branch_id, teamID: team_id,
            tags: try StoreJSON.decode([String].self, from: tags), receivedAt: received_at, ownerID: owner_id,
            assigneeID: assignee_id, resolvedAt: resolved_at, mergedInto: merged_into,
            createdAt: created_at, updatedAt: updated_at)
    }
}

/// A `ticket_messages` row; `mail_references` holds the `References` ids separated by spaces.
struct TicketMessageRow: Codable {
    var id: UUID
    var ticket_id: UUID
    var author_kind: String
    var author_id: UUID?
    var `internal`: Bool
    var body: String
    var message_id: String?
    var in_reply_to: String?
    var channel: String?
    var mail_references: String?
    var from_address: String?
    var mail_status: String?
    var mail_error: String?
    /// The mailbox an incoming mail arrived at (its replies go out from it); `MailIngest` sets it after the insert.
    var mailbox_id: UUID?
    var created_at: Date

    init(_ message: TicketMessage) {
        id = message.id
        ticket_id = message.ticketID
        switch message.author {
        case .staff(let id): (author_kind, author_id) = ("staff", id)
        case .customer(let id): (author_kind, author_id) = ("customer", id)
        }
        `internal` = message.visibility == .internal
        body = message.body
        message_id = message.emailMessageID
        in_reply_to = message.inReplyTo
        channel = message.channel?.rawValue
        mail_references = message.references.isEmpty ? nil : message.references.joined(separator: " ")
        from_address = message.fromAddress
        mail_status = message.mailStatus?.rawValue
        mail_error = message.mailError
        mailbox_id = nil
        created_at = message.createdAt
    }

    func message() throws -> TicketMessage {
        guard let author_id else { throw StoreError.corrupt("message \(id) has no author") }
        let author: MessageAuthor = author_kind == "customer" ? .customer(author_id) : .staff(author_id)
        return TicketMessage(
            id: id, ticketID: ticket_id, author: author, visibility: `internal` ? .internal : .public, body: body,
            createdAt: created_at, emailMessageID: message_id, inReplyTo: in_reply_to,
            channel: channel.flatMap(TicketChannel.init(rawValue:)),
            references: mail_references.map { $0.split(separator: " ").map(String.init) } ?? [],
            fromAddress: from_address, mailStatus: mail_status.flatMap(MailStatus.init(rawValue:)),
            mailError: mail_error)
    }
}

/// A `ticket_transfers` row.
struct TicketTransferRow: Codable {
    var id: UUID
    var ticket_id: UUID
    var by_id: UUID?
    var from_id: UUID?
    var to_id: UUID?
    var reason: String
    var created_at: Date

    func transfer() throws -> TicketTransfer {
        guard let by_id else { throw StoreError.corrupt("transfer \(id) has no author") }
        return TicketTransfer(byID: by_id, fromID: from_id, toID: to_id, reason: reason, createdAt: created_at)
    }
}
