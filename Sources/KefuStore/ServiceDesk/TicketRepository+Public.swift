import Foundation
public import KefuCore
import FluentKit
import SQLKit

extension TicketRepository {
    /// What the public form gets back: the ticket and its status link's token.
    public struct Submission: Sendable {
        public var ticket: Ticket
        public var statusToken: String
    }

    /// The rate-limit bucket of public tickets per client address.
    static let publicTicketBucket = "public_ticket"

    /// A ticket from the public form, in one transaction: counted against the hourly allowance of `address`
    /// (`service_desk.public_tickets_per_hour`; past it, throws `RateLimitExceeded` and writes nothing), its
    /// customer found by phone (then email) or made from the profile given, placed by the ownership rules as nobody
    /// on the staff logged it, the description as the customer's first message, and a status link; an email
    /// acknowledgement is queued when the customer gave an address and consented to email, in `language` (the
    /// form's; Chinese when nil).
    public func submit(
        _ request: PublicTicket, language: MailLanguage? = nil, from address: String, by attribution: Attribution
    ) async throws -> Submission {
        let rules = try await settings.get().serviceDesk
        let limit = RateLimit(limit: rules.publicTicketsPerHour, window: 60 * 60)
        return try await writes.write { tx in
            try await RateLimiter.admit(
                address, bucket: Self.publicTicketBucket, under: limit, now: attribution.now, on: tx)
            let customerID = try await Self.findOrCreateCustomer(request, by: attribution, on: tx)
            let ticket = try await Self.insert(
                request.draft(for: customerID), creator: .nonStaff, capacity: rules.ticketCapacity, on: tx,
                by: attribution)
            // The first message is the description, which the ticket's search text holds already.
            let message = TicketMessage(
                id: TimeOrderedID.next(now: attribution.now), ticketID: ticket.id,
                author: .customer(customerID), visibility: .public, body: request.description,
                createdAt: attribution.now)
            try await tx.insert(into: "ticket_messages").model(TicketMessageRow(message)).run()
            if let email = request.email {
                try await MailOutbox.enqueueAcknowledgement(
                    of: ticket, to: email, mailbox: nil, language: language, inReplyTo: nil, on: tx,
                    now: attribution.now)
            }
            let link = try await SignedLinkRepository.issue(
                .ticketStatus, subject: ticket.id, now: attribution.now, on: tx)
            return Submission(ticket: ticket, statusToken: link.token)
        }
    }

    /// The number the next ticket would get, changing nothing: what the honeypot answers, so a bot cannot tell.
    public func nextNumber() async throws -> TicketNumber {
        struct Value: Decodable { var value: Int64 }
        let current =
            try await db.sql.select().column("value").from("sequences").where("name", .equal, "ticket")
            .first(decoding: Value.self)?.value ?? 0
        guard let number = TicketNumber(sequence: Int(current) + 1) else {
            throw StoreError.corrupt("ticket sequence holds \(current)")
        }
        return number
    }

    /// The customer holding the phone, else the email; else a new one (source channel `web`). An existing
    /// customer's profile is left as it is: the form is anonymous, and must not let anyone attach an email or
    /// phone to somebody else's record.
    private static func findOrCreateCustomer(
        _ request: PublicTicket, by attribution: Attribution, on tx: any SQLDatabase
    ) async throws -> UUID {
        let values = [request.phone, request.email].compactMap { $0 }
        // Two first submissions with one new phone must not both make a customer for it.
        try await TransactionLock.take(values.map { "identity:\($0)" }, on: tx)
        let holders = try await tx.select().column("*").from("customer_identities").where("value", .in, values)
            .all(decoding: IdentityRow.self)
        for value in values {
            if let holder = holders.first(where: { $0.value == value }) { return holder.customer_id }
        }
        let create = try PreparedCreate(validated: request.profile, by: attribution)
        try await CreateBatch.insertRows([create], on: tx)
        return create.row.id
    }
}
