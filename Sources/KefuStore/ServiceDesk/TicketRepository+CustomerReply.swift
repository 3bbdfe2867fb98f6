public import Foundation
public import KefuCore
import FluentKit
import SQLKit

extension TicketRepository {
    /// Where a customer's reply landed.
    public struct CustomerReply: Sendable, Equatable {
        public var message: TicketMessage
        /// The ticket that holds the reply: the one replied to, or the follow-up it opened.
        public var ticket: Ticket
        /// The follow-up's status link, when the reply opened one: the customer follows that ticket from now on.
        public var followUpToken: String?
    }

    /// A customer's reply from the status page, in one transaction, as
    /// `TicketLifecycle.afterCustomerReply` rules: added to the conversation, leaving `pending_customer` or
    /// reopening a ticket resolved within the reopen window (`service_desk.reopen_window_days`); on a ticket
    /// resolved longer ago, or closed, it opens a
    /// follow-up instead — same customer, subject, type, branch and team, placed by the ownership rules (so its
    /// owner is usually the old ticket's), linked `related` to the old one, with the reply as its first message and
    /// a status link of its own.
    public func customerReply(to ticketID: UUID, body: String, by attribution: Attribution) async throws
        -> CustomerReply
    {
        let rules = try await settings.get().serviceDesk
        let reply = try await writes.write { tx in
            let ticket = try await Self.load(ticketID, on: tx)
            let message: TicketMessage
            do throws(ValidationFailure) {
                message = try TicketMessage.validated(
                    id: TimeOrderedID.next(now: attribution.now), ticketID: ticket.id,
                    author: .customer(ticket.customerID), visibility: .public, body: body, now: attribution.now)
            } catch {
                throw DomainError.invalid(error)
            }
            return try await Self.addCustomerReply(message, to: ticket, rules: rules, on: tx, by: attribution)
        }
        await announce(ticketID)
        return reply
    }

    /// Adds the customer's validated `message` to `ticket` on the caller's transaction, by the rules of
    /// `customerReply` (the status page's and the mail ingest's one path); a follow-up it opens takes the
    /// message's channel (`web` when it has none). The caller announces the change once it committed.
    static func addCustomerReply(
        _ message: TicketMessage, to ticket: Ticket, rules: ServiceDeskSettings, on tx: any SQLDatabase,
        by attribution: Attribution
    ) async throws -> CustomerReply {
        let outcome = TicketLifecycle.afterCustomerReply(to: ticket, now: attribution.now, window: rules.reopenWindow)
        if outcome == .openNewLinkedTicket {
            return try await openFollowUp(
                of: ticket, with: message, capacity: rules.ticketCapacity, by: attribution, on: tx)
        }
        try await tx.insert(into: "ticket_messages").model(TicketMessageRow(message)).run()
        try await event(
            ticket, kind: TicketEventKind.replied, summary: "\(ticket.number) \(ticket.subject)", on: tx,
            by: attribution)
        var after = ticket
        after.updatedAt = attribution.now
        if let target = outcome.newStatus {
            after = TicketLifecycle.applying(
                .changed(from: ticket.status, to: target), to: ticket, now: attribution.now)
            try await event(
                ticket, kind: TicketEventKind.statusChanged,
                summary: "\(ticket.number) \(ticket.status.rawValue) → \(target.rawValue)",
                data: ["from": ticket.status.rawValue, "to": target.rawValue], on: tx, by: attribution)
        }
        try await TicketSearch.adding(
            message.body,
            to: tx.update("tickets").set("status", to: after.status.rawValue)
                .set("resolved_at", to: after.resolvedAt).set("updated_at", to: after.updatedAt)
                .set("awaiting_reply_since", to: nextReplyClockStart(now: attribution.now))
        )
        .where("id", .equal, ticket.id).run()
        try await TicketSLA.refresh(ticket.id, on: tx, now: attribution.now)
        try await notifyCustomerReplied(after, on: tx, by: attribution)
        return CustomerReply(message: message, ticket: after, followUpToken: nil)
    }

    private static func openFollowUp(
        of ticket: Ticket, with reply: TicketMessage, capacity: Int, by attribution: Attribution,
        on tx: any SQLDatabase
    ) async throws -> CustomerReply {
        let draft = TicketDraft(
            customerID: ticket.customerID, type: ticket.type, channel: reply.channel ?? .web, subject: ticket.subject,
            description: reply.body, branchID: ticket.branchID, teamID: ticket.teamID)
        let validated: TicketDraft
        do throws(ValidationFailure) {
            validated = try draft.validated(now: attribution.now)
        } catch {
            throw DomainError.invalid(error)
        }
        let followUp = try await insert(validated, creator: .nonStaff, capacity: capacity, on: tx, by: attribution)
        // The reply is also the follow-up's description, which its search text holds already.
        var message = reply
        message.ticketID = followUp.id
        try await tx.insert(into: "ticket_messages").model(TicketMessageRow(message)).run()
        try await write(
            try TicketLink.validated(from: followUp, to: ticket.id, kind: .related), on: tx, by: attribution)
        try await event(
            followUp, kind: TicketEventKind.replied, summary: "\(followUp.number) \(followUp.subject)", on: tx,
            by: attribution)
        try await notifyCustomerReplied(followUp, on: tx, by: attribution)
        let status = try await SignedLinkRepository.issue(
            .ticketStatus, subject: followUp.id, now: attribution.now, on: tx)
        return CustomerReply(message: message, ticket: followUp, followUpToken: status.token)
    }
}

extension TicketRepository {
    /// A customer message starts the next-reply clock when an agent has answered publicly before (the first
    /// response met) and no such clock runs yet; a running one keeps its start.
    static func nextReplyClockStart(now: Date) -> any SQLExpression {
        let clock: SQLQueryString =
            "CASE WHEN first_response_at IS NULL THEN awaiting_reply_since ELSE COALESCE(awaiting_reply_since, \(bind: now)) END"
        return clock
    }

    /// Tells the ticket's assignee and owner that the customer answered, in the reply's transaction.
    static func notifyCustomerReplied(_ ticket: Ticket, on tx: any SQLDatabase, by attribution: Attribution)
        async throws
    {
        try await NotificationRepository.notify(
            ticket.customerReplyRecipients,
            about: StaffNotification.Subject(type: "ticket", id: ticket.id, link: "/tickets/\(ticket.id.uuidString)"),
            params: ["number": ticket.number.description, "subject": ticket.subject], on: tx, by: attribution)
    }
}
