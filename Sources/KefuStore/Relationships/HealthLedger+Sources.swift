import Foundation
import KefuCore
import SQLKit

/// The service desk's and the purchases' health events (issue 12 §3), each recorded on the transaction of the
/// write that causes it and named by its cause, so a retried write records nothing twice.
extension HealthLedger {
    /// New purchases (not refunds), one by the API or a batch of an import: `purchase` at `purchased_at`.
    static func purchasesRecorded(_ purchases: [Purchase], on tx: any SQLDatabase, now: Date) async throws {
        try await record(
            purchases.map { purchase in
                Entry(
                    customerID: purchase.customerID, kind: .purchase, at: purchase.purchasedAt,
                    source: "purchase:\(purchase.id.uuidString)")
            }, on: tx, now: now)
    }

    /// A new ticket: a complaint or a compliment is an event at `received_at`, whatever created it (staff, the
    /// public form, a split, a customer's late reply).
    static func ticketCreated(_ ticket: Ticket, on tx: any SQLDatabase, now: Date) async throws {
        let kind: HealthEventKind
        switch ticket.type {
        case .complaint: kind = .complaint
        case .compliment: kind = .compliment
        default: return
        }
        try await record(
            [
                Entry(
                    customerID: ticket.customerID, kind: kind, at: ticket.receivedAt,
                    source: "ticket:\(ticket.id.uuidString):\(kind.rawValue)")
            ], on: tx, now: now)
    }

    /// Whether ticket `id`, about to be resolved at `now`, met its SLA: a policy applies and none of its clocks
    /// breached, neither recorded (`ticket_sla_breaches`) nor due before `now` with its timer still to run.
    /// Asked before the resolution stops the clocks.
    static func metSLA(ticket id: UUID, on tx: any SQLDatabase, now: Date) async throws -> Bool {
        guard
            let row = try await TicketSLA.clockRows(on: tx).where(
                SQLColumn("id", table: "tickets"), .equal, SQLBind(id)
            )
            .first(decoding: TicketSLA.ClockRow.self), row.sla_policy_id != nil,
            try await tx.select().column("id").from("ticket_sla_breaches").where("ticket_id", .equal, id).limit(1)
                .first() == nil
        else { return false }
        var context = try await TicketSLA.Context.load(on: tx)
        return try await TicketSLA.dues(of: row, context: &context, on: tx, now: now).values.allSatisfy { $0 >= now }
    }

    /// A ticket that became resolved having met its SLA (`metSLA`): `resolved_within_sla` at the resolution.
    /// Each resolution counts (a reopened ticket resolved in time again deposits again), named by its instant in
    /// milliseconds since 1970.
    static func ticketResolvedWithinSLA(_ ticket: Ticket, on tx: any SQLDatabase, now: Date) async throws {
        guard let resolvedAt = ticket.resolvedAt else { return }
        let instant = Int64((resolvedAt.timeIntervalSince1970 * 1_000).rounded())
        try await record(
            [
                Entry(
                    customerID: ticket.customerID, kind: .resolvedWithinSLA, at: resolvedAt,
                    source: "ticket:\(ticket.id.uuidString):resolved_within_sla:\(instant)")
            ], on: tx, now: now)
    }

    /// A breach recorded by the SLA timers: `sla_breach` at the breach.
    static func breachRecorded(_ breachID: UUID, of ticket: Ticket, at: Date, on tx: any SQLDatabase) async throws {
        try await record(
            [
                Entry(
                    customerID: ticket.customerID, kind: .slaBreach, at: at, source: "breach:\(breachID.uuidString)")
            ], on: tx, now: at)
    }

    /// What came of a follow-up, at the time it was recorded: an outcome `satisfied` is `follow_up_satisfied`
    /// (once per task), a status `unreachable` is `follow_up_unreachable` (once per attempt: a task may be tried
    /// again and be unreachable again).
    static func followUpRecorded(_ task: FollowUpTask, on tx: any SQLDatabase, now: Date) async throws {
        let source = "follow_up:\(task.id.uuidString)"
        let entry: Entry
        switch (task.status, task.outcome) {
        case (.done, .satisfied?):
            entry = Entry(customerID: task.customerID, kind: .followUpSatisfied, at: now, source: source + ":satisfied")
        case (.unreachable, _):
            entry = Entry(
                customerID: task.customerID, kind: .followUpUnreachable, at: now,
                source: source + ":unreachable:\(Int64(now.timeIntervalSince1970 * 1000))")
        default: return
        }
        try await record([entry], on: tx, now: now)
    }
}
