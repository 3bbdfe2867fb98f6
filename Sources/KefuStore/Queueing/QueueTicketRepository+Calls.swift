public import Foundation
public import KefuCore
import SQLKit

/// What counters do to tickets (issue 14 §3). A call takes the branch's lock (on PostgreSQL; SQLite has one
/// writer) before it reads the line, and claims the ticket only while it still waits, so two counters calling
/// at one instant — on two servers too — never get the same ticket.
extension QueueTicketRepository {
    /// Calls the ticket the branch's policy puts first among the waiting tickets of the counter's services (and
    /// those transferred to this counter); nil when nobody waits for it. A closed counter is a 409.
    public func callNext(counterID: UUID, by attribution: Attribution) async throws -> QueueTicket? {
        let called = try await writes.write { tx -> QueueTicket? in
            let counter = try await Self.openCounter(counterID, on: tx)
            try await TransactionLock.take(["queue:branch:\(counter.branchID.uuidString)"], on: tx)
            let setup = try await QueueSetupRepository.setup(of: counter.branchID, on: tx)
            let waiting = try await Self.heads(for: counter, on: tx).map {
                QueueLine.waiting($0, order: setup.classOrder)
            }
            let view = QueueCounterView(serviceIDs: waiting.map(\.serviceID))
            guard
                let next = QueueCalling.nextTicket(
                    waiting: waiting, counter: view, policy: setup.policy, now: attribution.now)
            else { return nil }
            return try await Self.claim(next.id, at: counter, reason: nil, on: tx, by: attribution)
        }
        if let called { await announce(called.branchID) }
        return called
    }

    /// Calls one ticket out of turn (a waiting or parked one of the counter's branch), with the reason recorded.
    public func call(_ ticketID: UUID, counterID: UUID, reason: String, by attribution: Attribution) async throws
        -> QueueTicket
    {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 500 else {
            throw DomainError.invalid([
                FieldError(field: "reason", code: "required", message: "Say why this ticket is called out of turn.")
            ])
        }
        let called = try await writes.write { tx in
            let counter = try await Self.openCounter(counterID, on: tx)
            try await TransactionLock.take(["queue:branch:\(counter.branchID.uuidString)"], on: tx)
            let ticket = try await Self.row(ticketID, on: tx).ticket
            guard ticket.branchID == counter.branchID else {
                throw DomainError.invalid([
                    FieldError(
                        field: "ticket_id", code: "other_branch", message: "The ticket belongs to another branch.")
                ])
            }
            try Self.require(.call, on: ticket)
            return try await Self.claim(ticketID, at: counter, reason: reason, on: tx, by: attribution)
        }
        await announce(called.branchID)
        return called
    }

    /// What an action on a ticket takes besides the ticket: the outcome of a finish, the new service or counter of
    /// a transfer (and whether it keeps its place).
    public struct ActionInput: Sendable {
        public var outcome: String?
        public var serviceID: UUID?
        public var counterID: UUID?
        public var keepArrival: Bool

        public init(outcome: String? = nil, serviceID: UUID? = nil, counterID: UUID? = nil, keepArrival: Bool = true) {
            self.outcome = outcome
            self.serviceID = serviceID
            self.counterID = counterID
            self.keepArrival = keepArrival
        }
    }

    /// Recall, no-show, park, start, finish, transfer or rejoin (a call goes through `callNext` or `call`, which name
    /// the counter); an action the ticket's status does not allow is a 409 naming the status. A no-show needs the branch's recalls first; a customer who rejoins goes to the back.
    public func act(_ action: QueueTicket.Action, on ticketID: UUID, _ input: ActionInput, by attribution: Attribution)
        async throws -> QueueTicket
    {
        guard action != .call else {
            throw DomainError.invalid([
                FieldError(field: "counter_id", code: "required", message: "A ticket is called at a counter.")
            ])
        }
        if action == .transfer, (input.serviceID == nil) == (input.counterID == nil) {
            throw DomainError.invalid([
                FieldError(field: "service_id", code: "required", message: "Transfer to a service_id or a counter_id.")
            ])
        }
        let outcome = input.outcome?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let outcome, outcome.count > 500 {
            throw DomainError.invalid([
                FieldError(field: "outcome", code: "too_long", message: "At most 500 characters.")
            ])
        }
        let ticket = try await writes.write { tx in
            let old = try await Self.row(ticketID, on: tx).ticket
            try await TransactionLock.take(["queue:branch:\(old.branchID.uuidString)"], on: tx)
            try Self.require(action, on: old)
            var ticket = old
            let now = attribution.now
            switch action {
            case .call: return old
            case .recall: ticket.recalls += 1
            case .noShow:
                let setup = try await QueueSetupRepository.setup(of: old.branchID, on: tx)
                guard old.recalls >= setup.noShowAfterRecalls else {
                    throw DomainError.conflict(
                        message: "Recall the ticket \(setup.noShowAfterRecalls) times before marking it a no-show.",
                        field: "recalls", conflictingID: nil)
                }
                ticket.status = .noShow
                ticket.finishedAt = now
            case .park: ticket.status = .parked
            case .start:
                ticket.status = .serving
                ticket.startedAt = now
                ticket.servedBy = attribution.userID
            case .finish:
                ticket.status = .finished
                ticket.startedAt = ticket.startedAt ?? ticket.calledAt ?? now
                ticket.finishedAt = now
                ticket.outcome = outcome.flatMap { $0.isEmpty ? nil : $0 }
                ticket.servedBy = ticket.servedBy ?? attribution.userID
                try await QueueEstimates.observe(ticket, on: tx)
            case .transfer:
                try await Self.transfer(&ticket, input, on: tx)
                ticket.status = .waiting
                ticket.counterID = nil
                ticket.calledAt = nil
                ticket.startedAt = nil
                ticket.recalls = 0
                if !input.keepArrival { ticket.arrivedAt = now }
            case .rejoin:
                ticket.status = .waiting
                ticket.counterID = nil
                ticket.calledAt = nil
                ticket.recalls = 0
                ticket.finishedAt = nil
                ticket.arrivedAt = now
            }
            ticket.updatedAt = now
            try await Self.save(ticket, on: tx)
            try await AuditLog.record(
                on: tx, attribution, action: "queue.ticket." + action.rawValue, entityType: "queue_ticket",
                entityID: ticket.id.uuidString, changes: Self.changes(old, ticket))
            if let customerID = ticket.customerID, action == .finish || action == .noShow {
                try await Timeline.append(
                    on: tx, customerID: customerID, kind: action == .finish ? "queue.finished" : "queue.no_show",
                    summary: ticket.number + (ticket.outcome.map { " · " + $0 } ?? ""),
                    data: ["ticket_id": ticket.id.uuidString, "number": ticket.number], attribution: attribution)
            }
            return ticket
        }
        await announce(ticket.branchID)
        return ticket
    }

    // MARK: Steps

    private static func require(_ action: QueueTicket.Action, on ticket: QueueTicket) throws {
        guard action.from.contains(ticket.status) else {
            throw DomainError.conflict(
                message: "A \(ticket.status.rawValue) ticket cannot be given \(action.rawValue).", field: "status",
                conflictingID: nil)
        }
    }

    private static func openCounter(_ id: UUID, on tx: any SQLDatabase) async throws -> QueueCounter {
        let counter = try await QueueSetupRepository.counterRow(id, on: tx).counter
        guard counter.open else {
            throw DomainError.conflict(
                message: "The counter \(counter.name) is closed: open it before calling.", field: "open",
                conflictingID: nil)
        }
        return counter
    }

    /// The first `perLine` tickets of each (service, class) line the counter serves, and of each class transferred
    /// to the counter: within a class every policy calls the earliest arrival first, so the policy's first
    /// `perLine` tickets of the counter are among these (its next ticket among the heads, `perLine` 1).
    static func heads(for counter: QueueCounter, perLine: Int = 1, on sql: any SQLDatabase) async throws
        -> [QueueTicket]
    {
        var parts: [SQLQueryString] = []
        func line(_ condition: SQLQueryString, _ queueClass: QueueClass) {
            parts.append(
                "SELECT * FROM (SELECT * FROM queue_tickets WHERE " + condition
                    + """
                     AND class = \(bind: queueClass.rawValue) AND status = 'waiting' \
                    ORDER BY arrived_at, issued_at, id LIMIT \(literal: perLine)) AS h\(unsafeRaw: String(parts.count))
                    """)
        }
        for queueClass in QueueClass.allCases {
            for service in counter.serviceIDs {
                line(
                    "service_id = \(bind: service) AND (target_counter_id IS NULL OR target_counter_id = \(bind: counter.id))",
                    queueClass)
            }
            line("target_counter_id = \(bind: counter.id)", queueClass)
        }
        return try await sql.raw(QueueLine.joined(parts, " UNION ALL ")).all(decoding: QueueRows.Ticket.self)
            .map { try $0.ticket }
    }

    /// Calls `ticketID` at `counter` if it still waits (or is parked); the ticket as called.
    private static func claim(
        _ ticketID: UUID, at counter: QueueCounter, reason: String?, on tx: any SQLDatabase, by attribution: Attribution
    ) async throws -> QueueTicket {
        var ticket = try await row(ticketID, on: tx).ticket
        let old = ticket
        ticket.status = .called
        ticket.counterID = counter.id
        ticket.targetCounterID = nil
        ticket.calledAt = attribution.now
        ticket.callReason = reason
        ticket.recalls = 0
        ticket.servedBy = counter.agentID ?? attribution.userID
        ticket.updatedAt = attribution.now
        try await save(ticket, on: tx, onlyIf: old.status)
        try await AuditLog.record(
            on: tx, attribution, action: "queue.ticket.call", entityType: "queue_ticket",
            entityID: ticket.id.uuidString, changes: changes(old, ticket))
        if let customerID = ticket.customerID {
            try await Timeline.append(
                on: tx, customerID: customerID, kind: "queue.called", summary: "\(ticket.number) → \(counter.name)",
                data: ["ticket_id": ticket.id.uuidString, "number": ticket.number, "counter": counter.name],
                attribution: attribution)
        }
        return ticket
    }

    private static func transfer(
        _ ticket: inout QueueTicket, _ input: QueueTicketRepository.ActionInput, on tx: any SQLDatabase
    )
        async throws
    {
        if let serviceID = input.serviceID {
            let service = try? await QueueSetupRepository.serviceRow(serviceID, on: tx)
            guard let service, service.branch_id == ticket.branchID else {
                throw DomainError.invalid([
                    FieldError(field: "service_id", code: "unknown_service", message: "No such service at this branch.")
                ])
            }
            ticket.serviceID = serviceID
            ticket.targetCounterID = nil
        }
        if let counterID = input.counterID {
            let counter = try? await QueueSetupRepository.counterRow(counterID, on: tx).counter
            guard let counter, counter.branchID == ticket.branchID else {
                throw DomainError.invalid([
                    FieldError(field: "counter_id", code: "unknown_counter", message: "No such counter at this branch.")
                ])
            }
            ticket.targetCounterID = counterID
        }
    }

    /// Writes the ticket's changing columns; with `onlyIf`, only while it still has that status (else a 409: a
    /// concurrent call took it).
    private static func save(_ ticket: QueueTicket, on tx: any SQLDatabase, onlyIf status: QueueTicket.Status? = nil)
        async throws
    {
        let row = QueueRows.Ticket(ticket, sequence: 0)
        var update = tx.update("queue_tickets").set("service_id", to: row.service_id).set("status", to: row.status)
            .set("arrived_at", to: row.arrived_at).set("called_at", to: row.called_at)
            .set("counter_id", to: row.counter_id).set("target_counter_id", to: row.target_counter_id)
            .set("call_reason", to: row.call_reason).set("recalls", to: row.recalls)
            .set("started_at", to: row.started_at).set("finished_at", to: row.finished_at)
            .set("outcome", to: row.outcome).set("served_by", to: row.served_by).set("updated_at", to: row.updated_at)
            .where("id", .equal, row.id)
        if let status { update = update.where("status", .equal, status.rawValue) }
        let changed = try await update.returning("id").all()
        guard !changed.isEmpty else {
            throw DomainError.conflict(
                message: "The ticket was changed meanwhile.", field: "status", conflictingID: nil)
        }
    }

    private static func changes(_ old: QueueTicket, _ new: QueueTicket) -> [String: AuditEntry.FieldChange] {
        var changes: [String: AuditEntry.FieldChange] = [:]
        func note(_ field: String, _ before: String?, _ after: String?) {
            if before != after { changes[field] = .init(before: before, after: after) }
        }
        note("status", old.status.rawValue, new.status.rawValue)
        note("service_id", old.serviceID.uuidString, new.serviceID.uuidString)
        note("counter_id", old.counterID?.uuidString, new.counterID?.uuidString)
        note("target_counter_id", old.targetCounterID?.uuidString, new.targetCounterID?.uuidString)
        note("recalls", String(old.recalls), String(new.recalls))
        note("call_reason", old.callReason, new.callReason)
        note("outcome", old.outcome, new.outcome)
        return changes
    }
}
