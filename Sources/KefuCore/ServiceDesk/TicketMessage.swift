public import Foundation

/// Who wrote a message. Customers write through the public status link; staff through the inbox or the API.
public enum MessageAuthor: Sendable, Equatable, Hashable {
    case staff(UUID)
    case customer(UUID)

    public var id: UUID {
        switch self {
        case .staff(let id), .customer(let id): id
        }
    }
}

/// One message of a ticket's conversation: a public reply or an internal note. A message that came by mail
/// (`channel` email) carries the headers threading looks up (`emailMessageID`, `inReplyTo`, `references`, exactly
/// as written, with `<>`), the sender's address and the list of its attachments.
public struct TicketMessage: Codable, Sendable, Equatable, Identifiable {
    public var id: UUID
    public var ticketID: UUID
    public var author: MessageAuthor
    public var visibility: MessageVisibility
    public var body: String
    public var createdAt: Date
    public var emailMessageID: String?
    public var inReplyTo: String?
    /// How the message arrived; nil for messages written before channels were recorded.
    public var channel: TicketChannel?
    public var references: [String]
    /// The address a mail came from.
    public var fromAddress: String?
    public var attachments: [MessageAttachment]
    /// An outgoing mail's state, and why it failed.
    public var mailStatus: MailStatus?
    public var mailError: String?

    public static let maxBodyLength = 20_000

    public init(
        id: UUID, ticketID: UUID, author: MessageAuthor, visibility: MessageVisibility, body: String,
        createdAt: Date, emailMessageID: String? = nil, inReplyTo: String? = nil, channel: TicketChannel? = nil,
        references: [String] = [], fromAddress: String? = nil, attachments: [MessageAttachment] = [],
        mailStatus: MailStatus? = nil, mailError: String? = nil
    ) {
        self.id = id
        self.ticketID = ticketID
        self.author = author
        self.visibility = visibility
        self.body = body
        self.createdAt = createdAt
        self.emailMessageID = emailMessageID
        self.inReplyTo = inReplyTo
        self.channel = channel
        self.references = references
        self.fromAddress = fromAddress
        self.attachments = attachments
        self.mailStatus = mailStatus
        self.mailError = mailError
    }

    /// A new message with its body checked: trimmed, not empty, at most `maxBodyLength` characters. A customer
    /// cannot write an internal note, so their messages are public whatever was asked.
    public static func validated(
        id: UUID, ticketID: UUID, author: MessageAuthor, visibility: MessageVisibility, body: String, now: Date
    ) throws(ValidationFailure) -> TicketMessage {
        let trimmed = body.trimmingWhitespace()
        if trimmed.isEmpty {
            throw ValidationFailure([FieldError(field: "body", code: "required", message: "The message is empty.")])
        }
        if trimmed.count > maxBodyLength {
            throw ValidationFailure([
                FieldError(field: "body", code: "too_long", message: "Longer than \(maxBodyLength) characters.")
            ])
        }
        let visibility: MessageVisibility = if case .customer = author { .public } else { visibility }
        return TicketMessage(
            id: id, ticketID: ticketID, author: author, visibility: visibility, body: trimmed, createdAt: now)
    }

    /// What the customer sees on the status link: public messages only, never internal notes.
    public static func customerView(_ messages: [TicketMessage]) -> [TicketMessage] {
        messages.filter { $0.visibility == .public }
    }

    enum CodingKeys: String, CodingKey {
        case id
        case ticketID = "ticket_id"
        case authorID = "author_id"
        case authorKind = "author_kind"
        case `internal`, body
        case createdAt = "created_at"
        case emailMessageID = "message_id"
        case inReplyTo = "in_reply_to"
        case channel
        case fromAddress = "from"
        case attachments
        case mailStatus = "mail_status"
        case mailError = "mail_error"
    }

    /// The API's shape: `{"id", "author_id", "author_kind": "staff"|"customer", "internal", "body", "created_at",
    /// "channel", "message_id", "in_reply_to", "from", "attachments", "mail_status", "mail_error"}`; the mail fields
    /// are null (`attachments` empty) on a message that neither came nor went by mail.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(ticketID, forKey: .ticketID)
        try c.encode(author.id, forKey: .authorID)
        try c.encode(author.kind, forKey: .authorKind)
        try c.encode(visibility == .internal, forKey: .internal)
        try c.encode(body, forKey: .body)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(channel, forKey: .channel)
        try c.encode(emailMessageID, forKey: .emailMessageID)
        try c.encode(inReplyTo, forKey: .inReplyTo)
        try c.encode(fromAddress, forKey: .fromAddress)
        try c.encode(attachments, forKey: .attachments)
        try c.encode(mailStatus, forKey: .mailStatus)
        try c.encode(mailError, forKey: .mailError)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let authorID = try c.decode(UUID.self, forKey: .authorID)
        switch try c.decode(String.self, forKey: .authorKind) {
        case MessageAuthor.customerKind: author = .customer(authorID)
        case MessageAuthor.staffKind: author = .staff(authorID)
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .authorKind, in: c, debugDescription: "Unknown author kind \"\(other)\".")
        }
        id = try c.decode(UUID.self, forKey: .id)
        ticketID = try c.decode(UUID.self, forKey: .ticketID)
        visibility = try c.decode(Bool.self, forKey: .internal) ? .internal : .public
        body = try c.decode(String.self, forKey: .body)
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        emailMessageID = try c.decodeIfPresent(String.self, forKey: .emailMessageID)
        inReplyTo = try c.decodeIfPresent(String.self, forKey: .inReplyTo)
        channel = try c.decodeIfPresent(TicketChannel.self, forKey: .channel)
        references = []
        fromAddress = try c.decodeIfPresent(String.self, forKey: .fromAddress)
        attachments = try c.decodeIfPresent([MessageAttachment].self, forKey: .attachments) ?? []
        mailStatus = try c.decodeIfPresent(MailStatus.self, forKey: .mailStatus)
        mailError = try c.decodeIfPresent(String.self, forKey: .mailError)
    }
}

extension MessageAuthor {
    static let staffKind = "staff"
    static let customerKind = "customer"

    var kind: String {
        switch self {
        case .staff: Self.staffKind
        case .customer: Self.customerKind
        }
    }
}

extension Ticket {
    /// Who hears that the customer answered: whoever works the ticket now and its owner (once when
    /// they are the same person); nobody when it has neither, as the unassigned view shows it anyway.
    public var customerReplyRecipients: [NotificationRecipient] {
        [assigneeID, ownerID].compactMap { $0 }.reduce(into: []) { out, id in
            if !out.contains(where: { $0.userID == id }) {
                out.append(NotificationRecipient(userID: id, kind: NotificationKind.ticketCustomerReplied))
            }
        }
    }
}
