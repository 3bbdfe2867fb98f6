public import Foundation
public import KefuCore
import SQLKit

/// A ticket clock's warning or breach timer (the payload of `sla.warning` and `sla.breach` jobs): the clock
/// and the instant it was scheduled for, so the handler can tell a live timer from one whose clock moved or
/// was met meanwhile.
public struct SLATimer: Codable, Sendable {
    public var ticket_id: UUID
    public var metric: SLAMetric
    public var started_at: Date
    public var due_at: Date
}

/// One batch of a recompute after a calendar changed: the open tickets of `branch_id` (nil: all of them)
/// after `after`, in id order.
public struct SLARecomputeBatch: Codable, Sendable {
    public var branch_id: UUID?
    public var after: UUID?
    /// Names this run, so each calendar change recomputes afresh.
    public var run: UUID
}

/// The SLA's background work, run by the job worker (`kefu serve` registers these kinds):
/// - `sla.warning` at 80 % of a target tells the assignee, the owner and the managers;
/// - `sla.breach` at 100 % records the breach on the ticket (once per clock), the customer's timeline and
///   health (`sla_breach`), tells the same people, and raises the priority a step when the policy says so;
/// - `sla.recompute` walks the open tickets a calendar change touches, `recomputeBatchSize` per job.
public enum SLATimers {
    public static let warningKind = TicketSLA.warningKind
    public static let breachKind = TicketSLA.breachKind
    public static let recomputeKind = "sla.recompute"
    /// Tickets per recompute job: each job is one transaction, short enough not to hold up other writes.
    public static let recomputeBatchSize = 500

    /// The warning: notifies, when the timer is still live.
    public static func warn(_ timer: SLATimer, _ job: JobTransaction) async throws {
        guard let row = try await live(timer, on: job.sql) else { return }
        let ticket = try await TicketRepository.load(row.id, on: job.sql)
        try await notify(ticket, of: timer, kind: NotificationKind.slaWarning, on: job.sql, now: job.now)
    }

    /// The breach: recorded once per clock, with its timeline event, notifications and priority raise.
    public static func breach(_ timer: SLATimer, _ job: JobTransaction) async throws {
        let sql = job.sql
        guard let row = try await live(timer, on: sql) else { return }
        let recorded = try await sql.insert(into: "ticket_sla_breaches").columns(
            "id", "ticket_id", "policy_id", "metric", "started_at", "due_at", "breached_at"
        ).values(
            SQLBind(TimeOrderedID.next(now: job.now)), SQLBind(row.id), SQLBind(row.sla_policy_id),
            SQLBind(timer.metric.rawValue), SQLBind(timer.started_at), SQLBind(timer.due_at), SQLBind(job.now)
        ).ignoringConflicts(with: ["ticket_id", "metric", "started_at"]).returning("id").all()
        guard let breachID = try recorded.first?.decode(column: "id", as: UUID.self) else { return }
        let before = try await TicketRepository.load(row.id, on: sql)
        try await HealthLedger.breachRecorded(breachID, of: before, at: job.now, on: sql)
        let attribution = Attribution.system("sla", now: job.now)
        var data = ["metric": timer.metric.rawValue, "due_at": RFC3339.utc(timer.due_at)]
        var ticket = before
        if let policyID = row.sla_policy_id, let policy = try? await SLAPolicyRepository.load(policyID, on: sql),
            policy.raisePriorityOnBreach, let raised = before.priority.raised
        {
            ticket.priority = raised
            ticket.updatedAt = job.now
            try await sql.update("tickets").set("priority", to: raised.rawValue).set("updated_at", to: job.now)
                .where("id", .equal, row.id).run()
            try await AuditLog.record(
                on: sql, attribution, action: "ticket.updated", entityType: "ticket", entityID: row.id.uuidString,
                changes: try AuditLog.diff(before: before, after: ticket))
            data["priority"] = raised.rawValue
        }
        try await TicketRepository.event(
            ticket, kind: TicketEventKind.slaBreached, summary: "\(ticket.number) \(timer.metric.rawValue)", data: data,
            on: sql, by: attribution)
        try await notify(ticket, of: timer, kind: NotificationKind.slaBreached, on: sql, now: job.now)
        try await TicketSLA.refresh(row.id, on: sql, now: job.now)
    }

    /// One batch of a recompute; the next batch is its own job.
    public static func recompute(_ batch: SLARecomputeBatch, _ job: JobTransaction) async throws {
        var query = TicketSLA.clockRows(on: job.sql).where(SQLRaw("tickets.\(TicketSearch.openCondition)"))
        if let branch = batch.branch_id {
            query = query.where {
                $0.where(SQLColumn("branch_id", table: "tickets"), .equal, SQLBind(branch)).orWhere {
                    $0.where(SQLColumn("branch_id", table: "tickets"), .is, SQLLiteral.null)
                        .where(SQLColumn("branch_id", table: "customers"), .equal, SQLBind(branch))
                }
            }
        }
        if let after = batch.after {
            query = query.where(SQLColumn("id", table: "tickets"), .greaterThan, SQLBind(after))
        }
        let rows = try await query.orderBy(SQLColumn("id", table: "tickets")).limit(recomputeBatchSize)
            .all(decoding: TicketSLA.ClockRow.self)
        var context = try await TicketSLA.Context.load(on: job.sql)
        for row in rows { try await TicketSLA.refresh(row, context: &context, on: job.sql, now: job.now) }
        if rows.count == recomputeBatchSize, let last = rows.last {
            try await schedule(
                SLARecomputeBatch(branch_id: batch.branch_id, after: last.id, run: batch.run), on: job.sql,
                now: job.now)
        }
    }

    /// Starts a recompute of the open tickets on `branch`'s calendar (nil: the business default, which any
    /// ticket may count on), on the transaction of the calendar's change.
    static func scheduleRecompute(branch: UUID?, on tx: any SQLDatabase, now: Date) async throws {
        try await schedule(SLARecomputeBatch(branch_id: branch, after: nil, run: UUID()), on: tx, now: now)
    }

    private static func schedule(_ batch: SLARecomputeBatch, on tx: any SQLDatabase, now: Date) async throws {
        let key = "sla:recompute:\(batch.run.uuidString):\(batch.after?.uuidString ?? "start")"
        try await JobQueue.enqueue(kind: recomputeKind, key: key, payload: batch, runAt: now, on: tx, now: now)
    }

    /// The ticket's clock row when `timer` still stands: the clock runs (not paused, not done), started when
    /// the timer says and is due when it says. Otherwise the clock moved or was met, and the timer does nothing.
    private static func live(_ timer: SLATimer, on sql: any SQLDatabase) async throws -> TicketSLA.ClockRow? {
        guard
            let row = try await TicketSLA.clockRows(on: sql)
                .where(SQLColumn("id", table: "tickets"), .equal, SQLBind(timer.ticket_id)).first(
                    decoding: TicketSLA.ClockRow.self),
            let status = TicketStatus(rawValue: row.status), !status.stopsSLAClocks, !status.isDone,
            TicketSLA.same(row.storedDues[timer.metric], timer.due_at),
            TicketSLA.same(row.start(of: timer.metric), timer.started_at)
        else { return nil }
        return row
    }

    /// Tells the assignee, the owner and the managers (each once) about `timer`'s clock.
    private static func notify(
        _ ticket: Ticket, of timer: SLATimer, kind: String, on sql: any SQLDatabase, now: Date
    ) async throws {
        var people = [ticket.assigneeID, ticket.ownerID].compactMap(\.self)
        people += try await NotificationRepository.managers(on: sql)
        var seen = Set<UUID>()
        let recipients = people.filter { seen.insert($0).inserted }.map {
            NotificationRecipient(userID: $0, kind: kind)
        }
        guard !recipients.isEmpty else { return }
        try await TicketRepository.notify(
            recipients, about: ticket, params: ["metric": timer.metric.rawValue, "due_at": RFC3339.utc(timer.due_at)],
            on: sql, by: .system("sla", now: now))
    }
}
