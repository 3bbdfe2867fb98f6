public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Turns one incoming mail message into a ticket message (issue 16 §1): `kefu mail ingest` and the IMAP poller
/// both call `ingest`. Loop and noise mail, duplicates, held and refused mail store nothing; everything else —
/// the message, a new ticket or customer, the raw original, the attachments and a new ticket's acknowledgement
/// job — is written in one transaction, so mail acknowledged to the MTA is never half stored.
public struct MailIngest: Sendable {
    private let writes: GroupCommit
    private let settings: SettingsRepository
    private let tickets: TicketRepository
    private let mailboxes: MailboxRepository

    public init(_ database: KefuDatabase) {
        writes = database.writes
        settings = SettingsRepository(database)
        tickets = TicketRepository(database)
        mailboxes = MailboxRepository(database)
    }

    /// The rate-limit bucket of incoming mail per sender address.
    static let senderBucket = "mail_sender"

    /// A `--mailbox` name no mailbox has: nothing can be stored until an admin creates it, so the MTA should
    /// keep the message.
    public struct UnknownMailbox: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "no mailbox is named \(name)" }
    }

    /// Stores `raw` as the mailbox `mailbox` (an ingest name) received it at `now`. `mailFrom` is the mailbox's own
    /// address; without it, the named mailbox's address, else the message's first `Delivered-To`.
    public func ingest(raw: [UInt8], mailbox name: String?, mailFrom: String?, now: Date) async throws
        -> MailIngestOutcome
    {
        let rules = try await settings.get()
        let limit = rules.serviceDesk.mailMaxMessageBytes
        guard raw.count <= limit else {
            return .refused("message of \(raw.count) bytes is larger than the limit of \(limit) bytes")
        }
        let message: MailMessage
        do throws(MailParseError) {
            message = try MailMessage(parsing: raw)
        } catch {
            return .refused("not a mail message: \(error.description)")
        }
        var mailbox: Mailbox?
        if let name {
            guard let found = try await mailboxes.named(name) else { throw UnknownMailbox(name: name) }
            mailbox = found
        }
        let ownAddress = mailFrom ?? mailbox?.address ?? message.deliveredTo.first?.address
        if let noise = MailNoise.classify(message, mailbox: ownAddress) { return .ignored(noise) }
        let incoming = Incoming(
            raw: raw, message: message, mailbox: mailbox, rules: rules,
            attribution: .system("mail \(message.from.address)", now: now))
        let stored: Stored
        do {
            stored = try await writes.write { tx in try await Self.store(incoming, on: tx) }
        } catch is RateLimitExceeded {
            return .held
        } catch DomainError.invalid(let errors) {
            // The sender's address or name breaks the customer rules: no retry will change that.
            return .refused("cannot be stored: " + errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "))
        }
        switch stored {
        case .duplicate(let number): return .duplicate(number)
        case .stored(let ticket):
            await tickets.announce(ticket.id)
            return .stored(ticket.number)
        }
    }

    struct Incoming: Sendable {
        var raw: [UInt8]
        var message: MailMessage
        var mailbox: Mailbox?
        var rules: BusinessSettings
        var attribution: Attribution
    }

    enum Stored: Sendable {
        case stored(Ticket)
        case duplicate(TicketNumber)
    }

    private static func store(_ incoming: Incoming, on tx: any SQLDatabase) async throws -> Stored {
        let message = incoming.message
        let desk = incoming.rules.serviceDesk
        if let id = message.messageID {
            // Two deliveries of one message at once must not both store it.
            try await TransactionLock.take(["mail:\(id)"], on: tx)
            if let number = try await ticketNumber(holding: id, on: tx) { return .duplicate(number) }
        }
        try await RateLimiter.admit(
            message.from.address, bucket: senderBucket,
            under: RateLimit(limit: desk.mailPerSenderPerMinute, window: 60), now: incoming.attribution.now, on: tx)
        let ticket: Ticket
        let stored: TicketMessage
        switch try await MailThread.find(for: message, on: tx) {
        case .join(let joined):
            let reply = try await TicketRepository.addCustomerReply(
                mailMessage(incoming, ticket: joined.id, customer: joined.customerID), to: joined, rules: desk, on: tx,
                by: incoming.attribution)
            ticket = reply.ticket
            stored = reply.message
        case .open(let related):
            let customerID = try await MailSender.customer(
                message.from, rules: incoming.rules.customerRules, on: tx, by: incoming.attribution)
            ticket = try await TicketRepository.insert(
                try draft(incoming, customer: customerID), creator: .nonStaff, capacity: desk.ticketCapacity, on: tx,
                by: incoming.attribution)
            // The first message is the description, which the ticket's search text holds already.
            stored = mailMessage(incoming, ticket: ticket.id, customer: customerID)
            try await tx.insert(into: "ticket_messages").model(TicketMessageRow(stored)).run()
            if let related {
                try await TicketRepository.write(
                    try TicketLink.validated(from: ticket, to: related, kind: .related), on: tx,
                    by: incoming.attribution)
            }
            try await MailOutbox.enqueueAcknowledgement(
                of: ticket, to: message.from.address, mailbox: incoming.mailbox, inReplyTo: stored.id, on: tx,
                now: incoming.attribution.now)
        }
        if let mailbox = incoming.mailbox {
            try await tx.update("ticket_messages").set("mailbox_id", to: mailbox.id).where("id", .equal, stored.id)
                .run()
        }
        try await MailParts.store(
            raw: incoming.raw, attachments: message.attachments, attachmentLimit: desk.mailMaxAttachmentBytes,
            for: stored.id, on: tx)
        return .stored(ticket)
    }

    /// The number of the ticket that holds a message with the `Message-ID` `id`, if any.
    private static func ticketNumber(holding id: String, on tx: any SQLDatabase) async throws -> TicketNumber? {
        struct Row: Decodable { var number: Int64 }
        let row = try await tx.select().column(SQLColumn("number", table: "tickets")).from("ticket_messages")
            .join(
                "tickets", on: SQLColumn("ticket_id", table: "ticket_messages"), .equal,
                SQLColumn("id", table: "tickets")
            )
            .where(SQLColumn("message_id", table: "ticket_messages"), .equal, SQLBind(id)).limit(1)
            .first(decoding: Row.self)
        return row.flatMap { TicketNumber(sequence: Int($0.number)) }
    }

    /// The reply the message carries (quoted history cut, at most `TicketMessage.maxBodyLength` characters: the
    /// original keeps the rest) as the customer's public message, with its mail headers.
    private static func mailMessage(_ incoming: Incoming, ticket: UUID, customer: UUID) -> TicketMessage {
        let message = incoming.message
        return TicketMessage(
            id: TimeOrderedID.next(now: incoming.attribution.now), ticketID: ticket, author: .customer(customer),
            visibility: .public, body: body(of: message), createdAt: incoming.attribution.now,
            emailMessageID: message.messageID, inReplyTo: message.inReplyTo.first, channel: .email,
            references: message.references, fromAddress: message.from.address)
    }

    private static func body(of message: MailMessage) -> String {
        String(message.reply.trimmingCharacters(in: .whitespacesAndNewlines).prefix(TicketMessage.maxBodyLength))
    }

    /// A new email ticket: the decoded subject (cut to the longest a subject may be; `(no subject)` when there
    /// is none), the reply as description, the mailbox's team and branch.
    private static func draft(_ incoming: Incoming, customer: UUID) throws -> TicketDraft {
        let subject = incoming.message.subject.trimmingCharacters(in: .whitespacesAndNewlines)
        let draft = TicketDraft(
            customerID: customer, type: .inquiry, channel: .email,
            subject: subject.isEmpty ? "(no subject)" : String(subject.prefix(TicketDraft.maxSubjectLength)),
            description: body(of: incoming.message), branchID: incoming.mailbox?.branchID,
            teamID: incoming.mailbox?.teamID)
        return try TicketRepository.validated(draft, now: incoming.attribution.now)
    }
}
