import Foundation
import KefuCore
import SQLKit

/// Keeps each ticket's SLA clocks in step with the ticket (issue 11 §2). Every write that can move a clock
/// (create, a reply, a status, priority or branch change, the customer's tier, a calendar) ends with `refresh`
/// on its own transaction, which:
/// - opens or closes the ticket's pause (`ticket_sla_pauses`) when its status starts or stops the clocks;
/// - matches the policy anew (so an edited policy applies from the ticket's next change), and computes the
///   running clocks' due instants on the ticket's calendar (`SLAPolicy.deadlines`);
/// - stores them on the ticket and keeps its `sla.warning` and `sla.breach` jobs in step: rescheduled to the
///   new instants, cancelled while paused or once met. A clock that breached keeps its breach and fires no more.
enum TicketSLA {
    static let warningKind = "sla.warning"
    static let breachKind = "sla.breach"

    /// What a refresh reads of a ticket, with its customer's tier and home branch.
    struct ClockRow: Decodable {
        var id: UUID
        var status: String
        var priority: String
        var type: String
        var customer_id: UUID
        var branch_id: UUID?
        var home_branch_id: UUID?
        var tier: String?
        var received_at: Date
        var first_response_at: Date?
        var awaiting_reply_since: Date?
        var sla_policy_id: UUID?
        var first_response_due_at: Date?
        var next_reply_due_at: Date?
        var resolution_due_at: Date?
        var sla_due_at: Date?

        var storedDues: [SLAMetric: Date] {
            var dues: [SLAMetric: Date] = [:]
            dues[.firstResponse] = first_response_due_at
            dues[.nextReply] = next_reply_due_at
            dues[.resolution] = resolution_due_at
            return dues
        }

        func ticketStatus() throws -> TicketStatus {
            guard let status = TicketStatus(rawValue: status) else {
                throw StoreError.corrupt("ticket \(id) has the status \(status)")
            }
            return status
        }

        /// When `metric`'s running clock started.
        func start(of metric: SLAMetric) -> Date? {
            metric == .nextReply ? awaiting_reply_since : received_at
        }
    }

    /// A `ticket_sla_pauses` row; `ended_at` is nil for the pause under way.
    struct PauseRow: Codable {
        var id: UUID
        var ticket_id: UUID
        var status: String
        var started_at: Date
        var ended_at: Date?
    }

    /// The policies and calendars a run of refreshes shares, each read once.
    struct Context {
        let policies: [SLAPolicy]
        private var calendars: [UUID?: BusinessCalendar] = [:]

        static func load(on sql: any SQLDatabase) async throws -> Context {
            Context(policies: try await SLAPolicyRepository.all(on: sql))
        }

        private init(policies: [SLAPolicy]) { self.policies = policies }

        mutating func calendar(forBranch branch: UUID?, on sql: any SQLDatabase) async throws -> BusinessCalendar {
            if let known = calendars[branch] { return known }
            let calendar = try await CalendarRepository.effective(branch: branch, on: sql)
            calendars[branch] = calendar
            return calendar
        }
    }

    /// The clock columns of tickets, joined with their customers; callers add the conditions.
    static func clockRows(on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(
            SQLColumn("id", table: "tickets"), SQLColumn("status", table: "tickets"),
            SQLColumn("priority", table: "tickets"), SQLColumn("type", table: "tickets"),
            SQLColumn("customer_id", table: "tickets"), SQLColumn("branch_id", table: "tickets"),
            SQLAlias(SQLColumn("branch_id", table: "customers"), as: SQLIdentifier("home_branch_id")),
            SQLColumn("tier", table: "customers"), SQLColumn("received_at", table: "tickets"),
            SQLColumn("first_response_at", table: "tickets"), SQLColumn("awaiting_reply_since", table: "tickets"),
            SQLColumn("sla_policy_id", table: "tickets"), SQLColumn("first_response_due_at", table: "tickets"),
            SQLColumn("next_reply_due_at", table: "tickets"), SQLColumn("resolution_due_at", table: "tickets"),
            SQLColumn("sla_due_at", table: "tickets")
        ).from("tickets").join("customers", method: SQLJoinMethod.left, on: "customers.id=tickets.customer_id")
    }

    /// Brings ticket `id`'s clocks in step with it, on the caller's transaction.
    static func refresh(_ id: UUID, on tx: any SQLDatabase, now: Date) async throws {
        guard
            let row = try await clockRows(on: tx).where(SQLColumn("id", table: "tickets"), .equal, SQLBind(id))
                .first(decoding: ClockRow.self)
        else { return }
        var context = try await Context.load(on: tx)
        try await refresh(row, context: &context, on: tx, now: now)
    }

    /// Refreshes the tickets of customer `id` that are not done (its tier changed).
    static func refresh(openTicketsOf customerID: UUID, on tx: any SQLDatabase, now: Date) async throws {
        let rows = try await clockRows(on: tx).where(
            SQLColumn("customer_id", table: "tickets"), .equal, SQLBind(customerID)
        )
        .where(SQLRaw("tickets.\(TicketSearch.openCondition)")).all(decoding: ClockRow.self)
        guard !rows.isEmpty else { return }
        var context = try await Context.load(on: tx)
        for row in rows { try await refresh(row, context: &context, on: tx, now: now) }
    }

    static func refresh(_ row: ClockRow, context: inout Context, on tx: any SQLDatabase, now: Date) async throws {
        let status = try row.ticketStatus()
        let (pauses, pauseMoved) = try await pauses(of: row.id, status: status, on: tx, now: now)
        let pausedSince = pauses.first { $0.ended_at == nil }?.started_at
        let (policy, deadlines) = try await deadlines(of: row, pauses: pauses, context: &context, on: tx, now: now)
        var dues: [SLAMetric: Date] = [:]
        for deadline in deadlines { dues[deadline.metric] = deadline.due }
        let earliest = pausedSince == nil ? dues.values.min() : nil
        let unchanged =
            row.sla_policy_id == policy?.id && same(row.sla_due_at, earliest)
            && SLAMetric.allCases.allSatisfy { same(row.storedDues[$0], dues[$0]) }
        if !unchanged {
            try await tx.update("tickets").set("sla_policy_id", to: policy?.id)
                .set("first_response_due_at", to: dues[.firstResponse]).set("next_reply_due_at", to: dues[.nextReply])
                .set("resolution_due_at", to: dues[.resolution]).set("sla_due_at", to: earliest)
                .where("id", .equal, row.id).run()
        }
        // While paused the timers stay cancelled (since the pause began); otherwise they follow the due instants.
        guard pauseMoved || (!unchanged && pausedSince == nil) else { return }
        try await schedule(
            row, deadlines: pausedSince == nil ? deadlines : [], breached: try await breachedClocks(of: row.id, on: tx),
            on: tx, now: now)
    }

    /// The due instants of `row`'s running clocks as of `now` (a pause under way as if it ended now), with
    /// its pauses as stored: what a paused ticket shows.
    static func dues(of row: ClockRow, context: inout Context, on sql: any SQLDatabase, now: Date) async throws
        -> [SLAMetric: Date]
    {
        let pauses = try await sql.select().column("*").from("ticket_sla_pauses").where("ticket_id", .equal, row.id)
            .orderBy("started_at").all(decoding: PauseRow.self)
        var dues: [SLAMetric: Date] = [:]
        for deadline in try await deadlines(of: row, pauses: pauses, context: &context, on: sql, now: now).1 {
            dues[deadline.metric] = deadline.due
        }
        return dues
    }

    /// The policy that applies to `row` now and the deadlines of its running clocks.
    private static func deadlines(
        of row: ClockRow, pauses: [PauseRow], context: inout Context, on sql: any SQLDatabase, now: Date
    ) async throws -> (SLAPolicy?, [SLADeadline]) {
        let status = try row.ticketStatus()
        guard let priority = TicketPriority(rawValue: row.priority), let type = TicketType(rawValue: row.type) else {
            throw StoreError.corrupt("ticket \(row.id) has a value outside its enumeration")
        }
        guard let policy = SLAPolicy.applying(to: row.tier, priority: priority, type: type, among: context.policies)
        else { return (nil, []) }
        let calendar = try await context.calendar(forBranch: row.branch_id ?? row.home_branch_id, on: sql)
        let state = SLAClockState(
            receivedAt: row.received_at, firstResponseAt: row.first_response_at,
            awaitingReplySince: row.awaiting_reply_since, isResolved: status.isDone,
            pauses: pauses.compactMap { pause in pause.ended_at.map { ClockPause(from: pause.started_at, to: $0) } },
            pausedSince: pauses.first { $0.ended_at == nil }?.started_at)
        // A calendar that never opens has no due instant: the ticket shows none rather than failing the write.
        return (policy, (try? policy.deadlines(for: state, on: calendar, now: now)) ?? [])
    }

    /// The ticket's pauses, after opening one when `status` stops the clocks and none is under way for it, and
    /// closing the one under way when the status moved on; true when either happened.
    private static func pauses(of id: UUID, status: TicketStatus, on tx: any SQLDatabase, now: Date) async throws
        -> ([PauseRow], Bool)
    {
        var pauses = try await tx.select().column("*").from("ticket_sla_pauses").where("ticket_id", .equal, id)
            .orderBy("started_at").all(decoding: PauseRow.self)
        var moved = false
        if let index = pauses.firstIndex(where: { $0.ended_at == nil }), pauses[index].status != status.rawValue {
            pauses[index].ended_at = max(now, pauses[index].started_at)
            try await tx.update("ticket_sla_pauses").set("ended_at", to: pauses[index].ended_at)
                .where("id", .equal, pauses[index].id).run()
            moved = true
        }
        if status.stopsSLAClocks, !pauses.contains(where: { $0.ended_at == nil }) {
            let pause = PauseRow(
                id: TimeOrderedID.next(now: now), ticket_id: id, status: status.rawValue, started_at: now, ended_at: nil
            )
            try await tx.insert(into: "ticket_sla_pauses").model(pause, nilEncodingStrategy: .asNil).run()
            pauses.append(pause)
            moved = true
        }
        return (pauses, moved)
    }

    /// The clocks of ticket `id` that breached already, by metric and start.
    static func breachedClocks(of id: UUID, on sql: any SQLDatabase) async throws -> Set<String> {
        struct Row: Decodable {
            var metric: String
            var started_at: Date
        }
        let rows = try await sql.select().column("metric").column("started_at").from("ticket_sla_breaches")
            .where("ticket_id", .equal, id).all(decoding: Row.self)
        return Set(rows.map { clockKey($0.metric, $0.started_at) })
    }

    static func clockKey(_ metric: String, _ start: Date) -> String {
        "\(metric)@\(Int((start.timeIntervalSince1970 * 1000).rounded()))"
    }

    /// Moves the ticket's timers to `deadlines`: a breach at each due instant and a warning at 80 % while
    /// that lies ahead of the breach; every other timer of the ticket is cancelled.
    private static func schedule(
        _ row: ClockRow, deadlines: [SLADeadline], breached: Set<String>, on tx: any SQLDatabase, now: Date
    ) async throws {
        for metric in SLAMetric.allCases {
            let key = "sla:\(row.id.uuidString):\(metric.rawValue)"
            guard let deadline = deadlines.first(where: { $0.metric == metric }), let start = row.start(of: metric),
                !breached.contains(clockKey(metric.rawValue, start))
            else {
                // A pending timer exists only for a clock whose due time is stored.
                guard row.storedDues[metric] != nil else { continue }
                try await JobQueue.cancel(key: key + ":warning", on: tx)
                try await JobQueue.cancel(key: key + ":breach", on: tx)
                continue
            }
            let timer = SLATimer(ticket_id: row.id, metric: metric, started_at: start, due_at: deadline.due)
            try await JobQueue.reschedule(
                kind: breachKind, key: key + ":breach", payload: timer, runAt: deadline.due, on: tx, now: now)
            if deadline.due > now {
                try await JobQueue.reschedule(
                    kind: warningKind, key: key + ":warning", payload: timer, runAt: deadline.warning, on: tx, now: now)
            } else if row.storedDues[metric] != nil {
                try await JobQueue.cancel(key: key + ":warning", on: tx)
            }
        }
    }

    /// Instants as both engines give them back: equal to the millisecond.
    static func same(_ a: Date?, _ b: Date?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): abs(a.timeIntervalSince(b)) < 0.001
        default: false
        }
    }
}
