import Crypto
import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The customer's side of the service desk, shared by `POST /api/v1/public/tickets` and the `/support` pages so
/// both follow one set of rules: validation, the honeypot, the rate limit per client address, status links and
/// customer replies. Everything here is anonymous: whoever is logged in, the writer is the customer.
struct SupportDesk: Sendable {
    let tickets: TicketRepository
    let links: SignedLinkRepository
    let settings: SettingsRepository

    init(_ repositories: Repositories) {
        tickets = repositories.tickets
        links = repositories.signedLinks
        settings = repositories.settings
    }

    /// What the customer is told once a ticket is submitted.
    struct Receipt: Sendable {
        var number: TicketNumber
        var statusURL: String
    }

    /// A ticket from the public form. Input is validated first, for everyone alike; then a filled honeypot gets a
    /// receipt that looks real (the next number, a status link of the right shape) while nothing is stored or
    /// counted, so a bot learns nothing. `language` is the one the form was shown in: the acknowledgement mail's.
    /// Throws `DomainError.invalid` for bad input and `RateLimitExceeded` past the hourly allowance of the address.
    func submit(_ request: PublicTicketRequest, language: Language, context: KefuRequestContext) async throws
        -> Receipt
    {
        let now = context.clock.now()
        let rules = try await settings.get().customerRules
        let ticket: PublicTicket
        do throws(ValidationFailure) {
            ticket = try request.validated(under: rules, now: now)
        } catch {
            throw DomainError.invalid(error)
        }
        if request.isFromBot {
            return Receipt(
                number: try await tickets.nextNumber(), statusURL: Self.statusPath(Self.decoyToken()))
        }
        let submission = try await tickets.submit(
            ticket, language: language.mail, from: context.clientAddress ?? "unknown", by: Self.attribution(context))
        return Receipt(number: submission.ticket.number, statusURL: Self.statusPath(submission.statusToken))
    }

    /// What a status link shows: the ticket, the conversation as the customer may see it (public replies only,
    /// oldest first), whether a reply would open a follow-up rather than land here, and the business's time zone.
    struct Status: Sendable {
        var ticket: Ticket
        var messages: [TicketMessage]
        var replyOpensNewTicket: Bool
        var timeZone: String
    }

    /// The ticket a status link opens; throws `SignedLinkFailure` for a link that does not open.
    func open(_ token: String, context: KefuRequestContext) async throws -> Status {
        let now = context.clock.now()
        let ticket = try await ticket(of: token, now: now)
        let business = try await settings.get()
        return Status(
            ticket: ticket,
            messages: TicketMessage.customerView(try await tickets.messages(of: ticket.id, includeInternal: true)),
            replyOpensNewTicket: TicketLifecycle.afterCustomerReply(
                to: ticket, now: now, window: business.serviceDesk.reopenWindow) == .openNewLinkedTicket,
            timeZone: business.timeZone)
    }

    /// The customer's reply through a status link; see `TicketRepository.customerReply`.
    func reply(_ body: String, token: String, context: KefuRequestContext) async throws
        -> TicketRepository.CustomerReply
    {
        let ticket = try await ticket(of: token, now: context.clock.now())
        return try await tickets.customerReply(to: ticket.id, body: body, by: Self.attribution(context))
    }

    /// The ticket a status link opens. A merged ticket's link follows its conversation to the survivor (merges
    /// join tickets of one customer only, and may chain).
    func ticket(of token: String, now: Date) async throws -> Ticket {
        var ticket = try await tickets.get(try await links.resolve(token, for: .ticketStatus, now: now).subjectID)
            .ticket
        while let survivor = ticket.mergedInto { ticket = try await tickets.get(survivor).ticket }
        return ticket
    }

    /// The absolute path of a status link.
    static func statusPath(_ token: String) -> String { "/support/t/" + token }

    /// A token of the real shape that opens nothing: the honeypot's status link.
    private static func decoyToken() -> String {
        Base64URL.encode(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    /// Writes through the public side are the customer's, never the logged-in staff member's who tried the form.
    private static func attribution(_ context: KefuRequestContext) -> Attribution {
        Attribution(userID: nil, email: nil, requestID: context.requestID, now: context.clock.now())
    }
}
