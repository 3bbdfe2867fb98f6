public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Tickets: create (numbered, owned by the first-contact rules of `TicketOwnership`), read, and the
/// conversation. Each write is one transaction with its timeline event and audit row; the hot ones
/// (create, reply, update, the customer's side) are units of the group commit (`GroupCommit`), which
/// answers once they have committed.
public struct TicketRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }
    let writes: GroupCommit
    let settings: SettingsRepository
    let clock: WallClock
    let live: LiveUpdates

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        clock = database.clock
        live = database.live
        writes = database.writes
        settings = SettingsRepository(database)
    }

    /// A ticket with what is listed on it.
    public struct Record: Sendable, Equatable {
        public var ticket: Ticket
        public var transfers: [TicketTransfer]
        public var links: [LinkedTicket]
        /// Where the ticket stands against its SLA.
        public var sla = TicketSLAStatus()
    }

    /// Validates `draft` and stores it as a new ticket: status `new`, the next number, the owner and
    /// assignee `TicketOwnership` decides for `creator`.
    public func create(
        _ input: TicketDraft, creator: TicketCreator, by attribution: Attribution
    ) async throws -> Record {
        let draft = try Self.validated(input, now: attribution.now)
        let capacity = try await settings.get().serviceDesk.ticketCapacity
        let record = try await writes.write { tx in
            Record(
                ticket: try await Self.insert(draft, creator: creator, capacity: capacity, on: tx, by: attribution),
                transfers: [], links: [])
        }
        return try await withSLA(record, now: attribution.now)
    }

    /// The draft as `TicketDraft.validated` leaves it, or a 400 naming each bad field.
    static func validated(_ input: TicketDraft, now: Date) throws -> TicketDraft {
        do throws(ValidationFailure) {
            return try input.validated(now: now)
        } catch {
            throw DomainError.invalid(error)
        }
    }

    /// Stores a validated draft as a new ticket on the caller's transaction, with its timeline event, audit row
    /// and, for a complaint or compliment, health event;
    /// `capacity` is the round-robin's limit of open tickets per agent (a setting).
    static func insert(
        _ draft: TicketDraft, creator: TicketCreator, capacity: Int, on tx: any SQLDatabase,
        by attribution: Attribution
    ) async throws -> Ticket {
        let customerName = try await TicketReferences.check(draft, on: tx)
        let decision = try TicketOwnership.decide(
            try await TicketReferences.ownershipRequest(draft, creator: creator, capacity: capacity, on: tx))
        if decision.source == .roundRobin, let team = draft.teamID {
            try await tx.update("teams").set("round_robin_position", to: decision.nextRoundRobinPosition)
                .where("id", .equal, team).run()
        }
        let sequence = try await Sequences.next("ticket", on: tx)
        guard let number = TicketNumber(sequence: Int(sequence)) else {
            throw StoreError.corrupt("ticket sequence gave \(sequence)")
        }
        let ticket = Ticket(
            id: TimeOrderedID.next(now: attribution.now), number: number, draft: draft,
            ownerID: decision.ownerID, now: attribution.now)
        try await tx.insert(into: "tickets").model(try TicketRow(ticket, customerName: customerName)).run()
        try await writeTags(ticket.tags, for: ticket.id, on: tx)
        try await TicketSLA.refresh(ticket.id, on: tx, now: attribution.now)
        try await HealthLedger.ticketCreated(ticket, on: tx, now: attribution.now)
        try await record(
            ticket, kind: TicketEventKind.created, summary: "\(number) \(ticket.subject)", on: tx, by: attribution)
        return ticket
    }

    /// The ticket, or `.notFound`.
    public func get(_ id: UUID) async throws -> Record {
        let sql = db.sql
        let ticket = try await Self.load(id, on: sql)
        let transfers = try await sql.select().column("*").from("ticket_transfers").where("ticket_id", .equal, id)
            .orderBy("created_at").orderBy("id").all(decoding: TicketTransferRow.self)
        return try await withSLA(
            Record(
                ticket: ticket, transfers: try transfers.map { try $0.transfer() },
                links: try await Self.links(of: id, on: sql)), now: clock.now())
    }

    /// The tickets among `ids` by id, in one query, for lists that show the ticket of each row.
    public func tickets(_ ids: [UUID]) async throws -> [UUID: Ticket] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.sql.select().column("*").from("tickets").where("id", .in, Array(Set(ids)))
            .all(decoding: TicketRow.self)
        return Dictionary(uniqueKeysWithValues: try rows.map { ($0.id, try $0.ticket()) })
    }

    /// A staff member's public reply or internal note. A public reply answers a `new` ticket (it becomes
    /// `open`) and gives an unowned ticket its owner; on an email ticket it is also queued for sending
    /// (`MailOutbox`); a closed ticket takes no replies.
    public func reply(
        to ticketID: UUID, body: String, visibility: MessageVisibility, by attribution: Attribution
    ) async throws -> TicketMessage {
        guard let author = attribution.userID else { throw DomainError.notFound(entity: "user", id: "") }
        let written = try await writes.write { tx in
            var ticket = try await Self.load(ticketID, on: tx)
            let change = try TicketLifecycle.afterStaffReply(to: ticket, visibility: visibility)
            var message: TicketMessage
            do throws(ValidationFailure) {
                message = try TicketMessage.validated(
                    id: TimeOrderedID.next(now: attribution.now), ticketID: ticketID, author: .staff(author),
                    visibility: visibility, body: body, now: attribution.now)
            } catch {
                throw DomainError.invalid(error)
            }
            // A public reply on an email ticket goes to the customer by mail, as a job of this transaction.
            let byMail = visibility == .public && ticket.channel == .email
            if byMail { (message.channel, message.mailStatus) = (.email, .queued) }
            try await tx.insert(into: "ticket_messages").model(TicketMessageRow(message)).run()
            if byMail { try await MailOutbox.enqueueSend(message, on: tx, now: attribution.now) }
            var update = TicketSearch.adding(
                message.body, to: tx.update("tickets").set("updated_at", to: attribution.now))
            if case .takesOwnership(let owner, let assignee) = TicketOwnership.afterStaffReply(
                to: ticket, authorID: author, visibility: visibility)
            {
                (ticket.ownerID, ticket.assigneeID) = (owner, assignee)
                update = update.set("owner_id", to: owner).set("assignee_id", to: assignee)
            }
            if visibility == .public {
                // The first public reply meets the first-response clock; each one meets the next-reply clock.
                update = update.set(
                    SQLIdentifier("first_response_at"),
                    to: SQLFunction.coalesce(
                        SQLIdentifier("first_response_at"), SQLBind(attribution.now))
                ).set("awaiting_reply_since", to: SQLLiteral.null)
                try await Self.event(
                    ticket, kind: TicketEventKind.replied, summary: "\(ticket.number) \(ticket.subject)",
                    on: tx, by: attribution)
            }
            if case .changed(let from, let to) = change {
                update = update.set("status", to: to.rawValue)
                try await Self.event(
                    ticket, kind: TicketEventKind.statusChanged,
                    summary: "\(ticket.number) \(from.rawValue) → \(to.rawValue)",
                    data: ["from": from.rawValue, "to": to.rawValue], on: tx, by: attribution)
            }
            try await update.where("id", .equal, ticketID).run()
            try await TicketSLA.refresh(ticketID, on: tx, now: attribution.now)
            return message
        }
        // Only a public reply changes the status (new → open) or what the status page shows.
        if visibility == .public { await announce(ticketID) }
        return written
    }

    /// The conversation, oldest first, each message with its attachments; `internal` notes too when
    /// `includeInternal`.
    public func messages(of ticketID: UUID, includeInternal: Bool) async throws -> [TicketMessage] {
        let sql = db.sql
        _ = try await Self.load(ticketID, on: sql)
        var query = sql.select().column("*").from("ticket_messages").where("ticket_id", .equal, ticketID)
        if !includeInternal { query = query.where("internal", .equal, false) }
        let attachments = try await MailParts.attachments(ofTicket: ticketID, on: sql)
        return try await query.orderBy("created_at").orderBy("id").all(decoding: TicketMessageRow.self)
            .map { row in
                var message = try row.message()
                message.attachments = attachments[message.id] ?? []
                return message
            }
    }

    /// The ticket and the raw original of its message `messageID`, or `.notFound` when there is no such message or
    /// it did not come by mail; the caller checks access to the ticket.
    public func original(ofMessage messageID: UUID) async throws -> (ticket: Ticket, raw: [UInt8]) {
        let sql = db.sql
        struct Owner: Decodable { var ticket_id: UUID }
        guard
            let owner = try await sql.select().column("ticket_id").from("ticket_messages")
                .where("id", .equal, messageID).first(decoding: Owner.self),
            let raw = try await MailParts.original(of: messageID, on: sql)
        else { throw DomainError.notFound(entity: "message", id: messageID.uuidString) }
        return (try await Self.load(owner.ticket_id, on: sql), raw)
    }

    static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> Ticket {
        guard
            let row = try await sql.select().column("*").from("tickets").where("id", .equal, id)
                .first(decoding: TicketRow.self)
        else { throw DomainError.notFound(entity: "ticket", id: id.uuidString) }
        return try row.ticket()
    }

    /// `ticket_tags` after the ticket's tags changed.
    static func replaceTags(_ tags: [String], for id: UUID, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "ticket_tags").where("ticket_id", .equal, id).run()
        try await writeTags(tags, for: id, on: sql)
    }

    static func writeTags(_ tags: [String], for id: UUID, on sql: any SQLDatabase) async throws {
        let keys = Set(tags.map { $0.lowercased() })
        guard !keys.isEmpty else { return }
        var insert = sql.insert(into: "ticket_tags").columns("ticket_id", "tag_key")
        for key in keys.sorted() { insert = insert.values(SQLBind(id), SQLBind(key)) }
        try await insert.run()
    }

    /// The creation's timeline event on the customer and its audit row.
    private static func record(
        _ ticket: Ticket, kind: String, summary: String, on tx: any SQLDatabase, by attribution: Attribution
    ) async throws {
        try await event(ticket, kind: kind, summary: summary, on: tx, by: attribution)
        try await AuditLog.record(
            on: tx, attribution, action: kind, entityType: "ticket", entityID: ticket.id.uuidString,
            changes: try AuditLog.diff(before: Ticket?.none, after: ticket))
    }

    /// Notifies `recipients` of a change to `ticket` (or to `subject`, something of the ticket's, such as a
    /// remedy), with the ticket's number and subject among the text's values.
    static func notify(
        _ recipients: [NotificationRecipient], about ticket: Ticket, subject: StaffNotification.Subject? = nil,
        params: [String: String] = [:], on tx: any SQLDatabase, by attribution: Attribution
    ) async throws {
        try await NotificationRepository.notify(
            recipients,
            about: subject ?? .init(type: "ticket", id: ticket.id, link: "/tickets/\(ticket.id.uuidString)"),
            params: params.merging(["number": ticket.number.description, "subject": ticket.subject]) { $1 }, on: tx,
            by: attribution)
    }

    /// A `ticket.*` event on the customer's timeline, naming the ticket.
    static func event(
        _ ticket: Ticket, kind: String, summary: String, data: [String: String] = [:], on tx: any SQLDatabase,
        by attribution: Attribution
    ) async throws {
        try await Timeline.append(
            on: tx, customerID: ticket.customerID, kind: kind, summary: summary,
            data: data.merging(["ticket_id": ticket.id.uuidString, "number": ticket.number.description]) { $1 },
            attribution: attribution)
    }
}
