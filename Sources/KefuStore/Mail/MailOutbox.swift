public import Foundation
public import KefuCore
import SQLKit

/// Mail Kefu sends, as jobs of the jobs queue (issue 16 §2): a public reply on an email ticket (`mail.send`,
/// queued in the reply's transaction) and the acknowledgement of a new ticket (`mail.acknowledge`, only to a
/// customer who consented to email). Both are `JobEffect`s: the handler renders an `OutgoingMail` in a short
/// transaction, the configured `MailTransport` gets it with no transaction open (an SMTP conversation must not
/// hold SQLite's write lock or a PostgreSQL transaction), and a second transaction records the outcome. A
/// `.temporary` failure is thrown so the queue retries with its backoff; a `.permanent` one (or the last
/// attempt's) is kept on the reply as `failed`. Delivery is at least once: a crash after the mail server accepted
/// a mail but before the outcome was recorded sends it again, with the same `Message-ID`.
public enum MailOutbox {
    public static let sendKind = "mail.send"
    public static let acknowledgeKind = "mail.acknowledge"

    /// How the server sends: the transport (nil when no SMTP server is configured) and the address replies go out
    /// from when the customer's mail named no mailbox (`kefu serve --mail-from`).
    public struct Delivery: Sendable {
        public var transport: (any MailTransport)?
        public var mailFrom: String?

        public init(transport: (any MailTransport)?, mailFrom: String?) {
            self.transport = transport
            self.mailFrom = mailFrom
        }

        /// No SMTP server and no `--mail-from`: outgoing mail fails and says so.
        public static let unconfigured = Delivery(transport: nil, mailFrom: nil)
    }

    public struct Send: Codable, Sendable {
        var message_id: UUID
    }

    public struct Acknowledge: Codable, Sendable {
        var ticket_id: UUID
        var to: String
        /// The mailbox the customer wrote to, if any: the answer goes out from it, in its language.
        var mailbox_id: UUID?
        /// The customer's mail being acknowledged, for the threading headers.
        var in_reply_to: UUID?
        /// The language the customer used Kefu in (the public form's), for an answer from no mailbox; absent from
        /// jobs queued before it existed.
        var language: MailLanguage?
    }

    /// Enqueues the sending of `message`, a public reply just inserted with `mailStatus` queued, in its transaction.
    static func enqueueSend(_ message: TicketMessage, on tx: any SQLDatabase, now: Date) async throws {
        _ = try await JobQueue.enqueue(
            kind: sendKind, key: "mail:\(message.id.uuidString):send", payload: Send(message_id: message.id),
            runAt: now, on: tx, now: now)
    }

    /// Enqueues the acknowledgement of `ticket` to `address` when the customer consented to email and the mailbox
    /// (if any) sends acknowledgements; otherwise nothing. `language` is the answer's when there is no mailbox.
    static func enqueueAcknowledgement(
        of ticket: Ticket, to address: String, mailbox: Mailbox?, language: MailLanguage? = nil, inReplyTo mail: UUID?,
        on tx: any SQLDatabase, now: Date
    ) async throws {
        guard mailbox?.acknowledgements ?? true,
            try await CustomerRepository.load(ticket.customerID, on: tx).customer().profile.consent.email
        else { return }
        _ = try await JobQueue.enqueue(
            kind: acknowledgeKind, key: "mail:\(ticket.id.uuidString):acknowledge",
            payload: Acknowledge(
                ticket_id: ticket.id, to: address, mailbox_id: mailbox?.id, in_reply_to: mail, language: language),
            runAt: now, on: tx, now: now)
    }

    /// The `mail.send` handler: prepares the reply to the address the customer last wrote from, from that mail's
    /// mailbox (else `Delivery.mailFrom`); its effect sends it, and marks it sent or failed. A reply that cannot go
    /// (no sender, no recipient, no transport) is marked failed at once, with nothing to send.
    public static func send(_ payload: Send, job: Job, tx: JobTransaction, delivery: Delivery) async throws
        -> JobEffect?
    {
        let sql = tx.sql
        guard
            let reply = try await sql.select().column("*").from("ticket_messages")
                .where("id", .equal, payload.message_id).first(decoding: TicketMessageRow.self),
            reply.mail_status == MailStatus.queued.rawValue
        else { return nil }
        let ticket = try await TicketRepository.load(reply.ticket_id, on: sql)
        let last = try await lastMail(onTicket: ticket.id, on: sql)
        let found = try await sender(mailboxID: last?.mailbox_id, delivery: delivery, on: sql)
        guard let found, let recipient = last?.from_address, let transport = delivery.transport else {
            let reason =
                if found == nil {
                    "no sender address: the customer's mail named no mailbox and no --mail-from is configured"
                } else if last?.from_address == nil {
                    "the customer has not written by mail, so there is no address to answer"
                } else {
                    noTransport
                }
            try await mark(reply.id, sentAs: nil, failure: reason, on: sql)
            return nil
        }
        let (from, mailbox) = found
        let messageID = MessageID.make(unique: reply.id.uuidString.lowercased(), domain: domain(of: from.address))
        let references = try last?.message().references ?? []
        let mail = OutgoingMail.reply(
            to: (last?.message_id, last?.in_reply_to.map { [$0] } ?? [], references),
            from: from, recipient: MailAddress(address: recipient),
            subject: ReplySubject.make(ticketSubject: ticket.subject, number: ticket.number),
            messageID: messageID, date: tx.now, text: signed(reply.body, mailbox))
        let bytes = mail.rendered()
        return JobEffect {
            try await deliver(bytes, of: mail, via: transport, job: job)
        } record: { failure, tx in
            try await mark(reply.id, sentAs: failure == nil ? messageID : nil, failure: failure, on: tx.sql)
        }
    }

    /// The `mail.acknowledge` handler: prepares the answer in the mailbox's language (else the language the
    /// customer used Kefu in, else Chinese); its effect sends it. A delivery that cannot succeed makes the job
    /// dead, its reason the last error (`/api/v1/admin/jobs?status=dead`).
    public static func acknowledge(_ payload: Acknowledge, job: Job, tx: JobTransaction, delivery: Delivery)
        async throws -> JobEffect
    {
        let sql = tx.sql
        let ticket = try await TicketRepository.load(payload.ticket_id, on: sql)
        guard let found = try await sender(mailboxID: payload.mailbox_id, delivery: delivery, on: sql) else {
            throw PermanentJobFailure("no sender address: no mailbox and no --mail-from is configured")
        }
        guard let transport = delivery.transport else { throw PermanentJobFailure(noTransport) }
        let (from, mailbox) = found
        var mail: TicketMessageRow?
        if let id = payload.in_reply_to {
            mail = try await sql.select().column("*").from("ticket_messages").where("id", .equal, id)
                .first(decoding: TicketMessageRow.self)
        }
        let messageID = MessageID.make(
            unique: ticket.id.uuidString.lowercased() + "-ack", domain: domain(of: from.address))
        let references = try mail?.message().references ?? []
        var outgoing = OutgoingMail.reply(
            to: (mail?.message_id, mail?.in_reply_to.map { [$0] } ?? [], references),
            from: from, recipient: MailAddress(address: payload.to),
            subject: ReplySubject.make(ticketSubject: ticket.subject, number: ticket.number), messageID: messageID,
            date: tx.now,
            text: MailAcknowledgement.text(
                language: mailbox?.language ?? payload.language ?? .zhHans, number: ticket.number,
                signature: mailbox?.signature ?? ""))
        outgoing.extraHeaders = [.init(name: "Auto-Submitted", value: "auto-replied")]
        let bytes = outgoing.rendered()
        return JobEffect { [outgoing] in
            if let failure = try await deliver(bytes, of: outgoing, via: transport, job: job) {
                throw PermanentJobFailure(failure)
            }
        }
    }

    private static let noTransport = "no SMTP server configured (kefu serve --smtp-url)"

    /// Hands `mail`, rendered as `bytes`, to `transport`: nil when it went, the reason when it failed for good (a
    /// permanent failure, the last attempt); throws a temporary failure so the queue tries again.
    private static func deliver(
        _ bytes: [UInt8], of mail: OutgoingMail, via transport: any MailTransport, job: Job
    ) async throws -> String? {
        do {
            try await transport.deliver(bytes, from: mail.from.address, to: mail.to.map(\.address))
            return nil
        } catch MailDeliveryError.permanent(let reason) {
            return reason
        } catch {
            let reason = if case MailDeliveryError.temporary(let text) = error { text } else { "\(error)" }
            if job.attempts >= job.maxAttempts { return "gave up after \(job.attempts) attempts: \(reason)" }
            throw error
        }
    }

    /// Records how the reply `id` went: sent as `messageID`, or failed for `failure`.
    private static func mark(_ id: UUID, sentAs messageID: String?, failure: String?, on sql: any SQLDatabase)
        async throws
    {
        try await sql.update("ticket_messages")
            .set("mail_status", to: (failure == nil ? MailStatus.sent : .failed).rawValue)
            .set("mail_error", to: failure).set("message_id", to: messageID)
            .where("id", .equal, id).run()
    }

    /// The customer's latest mail on the ticket: whom to answer, and what the answer threads under.
    private static func lastMail(onTicket ticketID: UUID, on sql: any SQLDatabase) async throws -> TicketMessageRow? {
        try await sql.select().column("*").from("ticket_messages").where("ticket_id", .equal, ticketID)
            .where("from_address", .isNot, SQLLiteral.null).orderBy("created_at", .descending)
            .orderBy("id", .descending).first(decoding: TicketMessageRow.self)
    }

    /// The mailbox `mailboxID` as sender, else the configured `--mail-from`; nil when there is neither.
    private static func sender(mailboxID: UUID?, delivery: Delivery, on sql: any SQLDatabase) async throws
        -> (MailAddress, Mailbox?)?
    {
        if let mailboxID,
            let mailbox = try await sql.select().column("*").from("mailboxes").where("id", .equal, mailboxID)
                .first(decoding: MailboxRow.self)?.mailbox()
        {
            return (
                MailAddress(name: mailbox.displayName.isEmpty ? nil : mailbox.displayName, address: mailbox.address),
                mailbox
            )
        }
        return delivery.mailFrom.map { (MailAddress(address: $0.lowercased()), nil) }
    }

    private static func signed(_ body: String, _ mailbox: Mailbox?) -> String {
        guard let signature = mailbox?.signature, !signature.isEmpty else { return body }
        return body + "\n\n-- \n" + signature
    }

    private static func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "kefu.invalid"
    }
}
