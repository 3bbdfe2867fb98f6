public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Walk-in queue tickets (issue 14 §2–3): issuing them with their number, class and status link, reading them with
/// their place in line, and the counters' actions (`+Calls`). Every write is a unit of the group commit; calls on
/// one branch take that branch's lock, so two counters — on two servers too — never call the same ticket.
public struct QueueTicketRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }
    let writes: GroupCommit
    let live: LiveUpdates
    private let settings: SettingsRepository

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        writes = database.writes
        live = database.live
        settings = SettingsRepository(database)
    }

    /// The live-updates topic of a branch's queue: every ticket issued, called or moved on there. Status pages
    /// and the board follow it, since a call changes everybody's place in line.
    public static func liveTopic(branch: UUID) -> String { "queue:branch:" + branch.uuidString.lowercased() }

    /// Tells the branch's pages that its queue changed; called once the write committed.
    func announce(_ branch: UUID) async {
        await live.publish(Self.liveTopic(branch: branch))
    }

    /// How long a ticket's status page opens: the rest of the visit, with a margin for a long day.
    public static let statusLinkHours = 24.0

    /// A ticket to issue: its service, an optional phone that links the customer, an optional class (else the
    /// customer's tier decides, else `normal`), and how it came (`kiosk`, `staff`, `remote`, `api`). A public page
    /// names its branch (a service of another branch is then unknown) and a remote customer's address (counted
    /// against `remoteJoinLimit`).
    public struct Request: Sendable {
        public var serviceID: UUID
        public var phone: String?
        public var queueClass: QueueClass?
        public var channel: String
        public var branchID: UUID?
        public var remoteAddress: String?

        public init(
            serviceID: UUID, phone: String? = nil, queueClass: QueueClass? = nil, channel: String,
            branchID: UUID? = nil, remoteAddress: String? = nil
        ) {
            self.serviceID = serviceID
            self.phone = phone
            self.queueClass = queueClass
            self.channel = channel
            self.branchID = branchID
            self.remoteAddress = remoteAddress
        }
    }

    /// Tickets one address may take through the remote join page in an hour: a family's worth, not a flood.
    public static let remoteJoinLimit = RateLimit(limit: 10, window: 60 * 60)
    static let remoteJoinBucket = "queue_remote_join"

    /// A ticket with its place in line now (nil unless waiting) and, once issued, its status page token.
    public struct Placed: Sendable, Equatable {
        public var ticket: QueueTicket
        public var position: Int?
        public var statusToken: String?

        public init(ticket: QueueTicket, position: Int?, statusToken: String? = nil) {
            self.ticket = ticket
            self.position = position
            self.statusToken = statusToken
        }
    }

    /// Issues a ticket: the next number of its service today (in the branch's time zone), the class, the customer
    /// found by the phone (their visit lands on the timeline; a VIP's account manager is told), the estimated
    /// wait it is promised, and a status link. An unknown service or a phone that is no phone number is a 400
    /// naming the field, a remote address past its allowance `RateLimitExceeded`, and nothing is written.
    public func issue(_ request: Request, by attribution: Attribution) async throws -> Placed {
        let business = try await settings.get()
        var phone: String?
        if let raw = request.phone?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            guard let normalized = PhoneNumber.normalize(raw, defaultRegion: business.phoneRegion) else {
                throw DomainError.invalid([
                    FieldError(field: "phone", code: "invalid_phone", message: "\"\(raw)\" is not a phone number.")
                ])
            }
            phone = normalized
        }
        let placed = try await writes.write { [phone] tx in
            if let address = request.remoteAddress {
                try await RateLimiter.admit(
                    address, bucket: Self.remoteJoinBucket, under: Self.remoteJoinLimit, now: attribution.now, on: tx)
            }
            let unknown = DomainError.invalid([
                FieldError(field: "service_id", code: "unknown_service", message: "No such queue service.")
            ])
            let service: QueueRows.Service
            do {
                service = try await QueueSetupRepository.serviceRow(request.serviceID, on: tx)
            } catch DomainError.notFound {
                throw unknown
            }
            if let branchID = request.branchID, service.branch_id != branchID { throw unknown }
            guard service.active else {
                throw DomainError.invalid([
                    FieldError(
                        field: "service_id", code: "inactive_service", message: "This service takes no tickets now.")
                ])
            }
            let setup = try await QueueSetupRepository.setup(of: service.branch_id, on: tx)
            var customer: Holder?
            if let phone { customer = try await Self.customer(phone: phone, on: tx) }
            let queueClass =
                request.queueClass
                ?? setup.queueClass(
                    customerTier: customer?.tier,
                    memberClass: customer?.memberTier.flatMap { business.loyalty.tier(named: $0).queueClass })
            let timeZone = try await Self.timeZone(of: service.branch_id, default: business.timeZone, on: tx)
            let day = QueueTicket.day(of: attribution.now, in: timeZone)
            let sequence = try await Sequences.next("queue:\(service.id.uuidString):\(day)", on: tx)
            var ticket = QueueTicket(
                id: TimeOrderedID.next(now: attribution.now), branchID: service.branch_id, serviceID: service.id,
                number: QueueTicket.number(prefix: service.prefix, sequence: sequence), day: day,
                queueClass: queueClass, status: .waiting, customerID: customer?.id, phone: phone,
                channel: request.channel, arrivedAt: attribution.now, issuedAt: attribution.now,
                updatedAt: attribution.now)
            let position = try await QueueLine.position(of: ticket, setup: setup, now: attribution.now, on: tx)
            let estimate = try await QueueEstimates.range(
                for: ticket, position: position, service: service, setup: setup, on: tx)
            ticket.estimateLow = estimate.low
            ticket.estimateHigh = estimate.high
            try await tx.insert(into: "queue_tickets").model(QueueRows.Ticket(ticket, sequence: sequence)).run()
            let link = try await SignedLinkRepository.issue(
                .queueTicket, subject: ticket.id,
                expiresAt: attribution.now.addingTimeInterval(Self.statusLinkHours * 3600), now: attribution.now,
                on: tx)
            try await AuditLog.record(
                on: tx, attribution, action: "queue.ticket.issue", entityType: "queue_ticket",
                entityID: ticket.id.uuidString,
                changes: [
                    "number": .init(before: nil, after: ticket.number),
                    "class": .init(before: nil, after: queueClass.rawValue),
                ])
            if let customer {
                try await Timeline.append(
                    on: tx, customerID: customer.id, kind: "queue.joined",
                    summary: "\(ticket.number) · \(service.name)",
                    data: ["ticket_id": ticket.id.uuidString, "number": ticket.number, "class": queueClass.rawValue],
                    attribution: attribution)
                if queueClass == .vip, let manager = customer.accountManagerID {
                    try await NotificationRepository.notify(
                        [NotificationRecipient(userID: manager, kind: NotificationKind.queueVIPWaiting)],
                        about: .init(
                            type: "queue_ticket", id: ticket.id, link: "/queue/tickets/\(ticket.id.uuidString)"),
                        params: ["number": ticket.number, "customer": customer.name, "service": service.name],
                        on: tx, by: attribution)
                }
            }
            return Placed(ticket: ticket, position: position, statusToken: link.token)
        }
        await announce(placed.ticket.branchID)
        return placed
    }

    /// One ticket, with its place in line when it waits.
    public func get(_ id: UUID, now: Date) async throws -> Placed {
        let ticket = try await Self.row(id, on: db.sql).ticket
        return try await placed(ticket, now: now)
    }

    /// The ticket a status page's token opens (a forged, altered or revoked token fails as `SignedLinkFailure`).
    public func byStatusToken(_ token: String, now: Date) async throws -> Placed {
        let link = try await SignedLinkRepository.find(token, on: db.sql)
        _ = try link.open(for: .queueTicket, now: now)
        return try await get(link.subjectID, now: now)
    }

    /// Tickets of one branch or all, of one status or all, newest first.
    public func list(branchID: UUID?, status: QueueTicket.Status?, limit: Int, cursor: PageCursor?) async throws
        -> KefuCore.Page<QueueTicket>
    {
        var query = db.sql.select().column("*").from("queue_tickets")
        if let branchID { query = query.where("branch_id", .equal, branchID) }
        if let status { query = query.where("status", .equal, status.rawValue) }
        return try await query.page(
            QueueRows.Ticket.self, column: "issued_at", descending: true, limit: limit, cursor: cursor,
            key: { PageCursor(value: .date($0.issued_at), id: $0.id) }, map: { try $0.ticket })
    }

    func placed(_ ticket: QueueTicket, now: Date) async throws -> Placed {
        guard ticket.status == .waiting else { return Placed(ticket: ticket, position: nil) }
        let setup = try await QueueSetupRepository.setup(of: ticket.branchID, on: db.sql)
        return Placed(
            ticket: ticket, position: try await QueueLine.position(of: ticket, setup: setup, now: now, on: db.sql))
    }

    static func row(_ id: UUID, on sql: any SQLDatabase) async throws -> QueueRows.Ticket {
        guard
            let row = try await sql.select().column("*").from("queue_tickets").where("id", .equal, id)
                .first(decoding: QueueRows.Ticket.self)
        else { throw DomainError.notFound(entity: "queue_ticket", id: id.uuidString) }
        return row
    }

    /// The customer holding `phone`, with what decides their class and who hears of their visit.
    struct Holder: Decodable {
        var id: UUID
        var name: String
        var tier: String
        var account_manager_id: UUID?
        var member_tier: String?

        var accountManagerID: UUID? { account_manager_id }
        var memberTier: String? { member_tier }
    }

    private static func customer(phone: String, on tx: any SQLDatabase) async throws -> Holder? {
        try await tx.raw(
            """
            SELECT c.id, c.name, c.tier, c.account_manager_id, m.tier AS member_tier
            FROM customer_identities i JOIN customers c ON c.id = i.customer_id
            LEFT JOIN loyalty_members m ON m.customer_id = c.id
            WHERE i.value = \(bind: phone) AND c.deleted_at IS NULL AND c.merged_into IS NULL
            """
        ).first(decoding: Holder.self)
    }

    static func timeZone(of branchID: UUID, default fallback: String, on sql: any SQLDatabase) async throws
        -> TimeZone
    {
        struct Row: Decodable { var time_zone: String? }
        let name = try await sql.select().column("time_zone").from("branches").where("id", .equal, branchID)
            .first(decoding: Row.self)?.time_zone
        return TimeZone(identifier: name ?? fallback) ?? TimeZone(identifier: fallback) ?? .gmt
    }
}
