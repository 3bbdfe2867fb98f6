public import Foundation
public import KefuCore
import SQLKit

/// What a counter's console shows (issue 14 §3): the ticket at the counter, the first tickets it may call in the
/// order the branch's policy would call them — so the agent sees the line `callNext` works through — with how
/// many wait in all, and the branch's parked tickets, which any counter may call back.
public struct QueueCounterLine: Sendable, Equatable {
    public var counter: QueueCounter
    public var setup: QueueBranchSetup
    /// The ticket called or being served at the counter (the latest called, should there be two).
    public var current: QueueTicket?
    /// The first waiting tickets of the counter's services not sent to another counter, and of those sent to
    /// this one, in calling order.
    public var waiting: [QueueTicket]
    /// How many such tickets wait in all (`waiting` may show only the first of them).
    public var waitingCount: Int
    /// The branch's parked tickets, earliest arrival first.
    public var parked: [QueueTicket]
}

extension QueueTicketRepository {
    /// The counter's line at `now`, its first `shown` waiting tickets in full; an unknown counter is `.notFound`.
    public func line(counterID: UUID, now: Date, shown: Int = 50) async throws -> QueueCounterLine {
        let sql = db.sql
        let counter = try await QueueSetupRepository.counterRow(counterID, on: sql).counter
        let setup = try await QueueSetupRepository.setup(of: counter.branchID, on: sql)
        let active = try await sql.select().column("*").from("queue_tickets")
            .where("branch_id", .equal, counter.branchID)
            .where("status", .in, [QueueTicket.Status.called, .serving, .parked].map(\.rawValue))
            .orderBy("arrived_at").orderBy("issued_at").all(decoding: QueueRows.Ticket.self).map { try $0.ticket }
        let heads = try await Self.heads(for: counter, perLine: shown, on: sql)
        let byID = Dictionary(heads.map { ($0.id, $0) }) { first, _ in first }
        let order = QueueCalling.ordered(
            byID.values.map { QueueLine.waiting($0, order: setup.classOrder) }, policy: setup.policy, now: now)
        return QueueCounterLine(
            counter: counter, setup: setup,
            current: active.filter { ($0.status == .called || $0.status == .serving) && $0.counterID == counter.id }
                .max { ($0.calledAt ?? .distantPast) < ($1.calledAt ?? .distantPast) },
            waiting: order.prefix(shown).compactMap { byID[$0.id] },
            waitingCount: try await Self.waitingCount(for: counter, on: sql),
            parked: active.filter { $0.status == .parked })
    }

    /// The waiting tickets `counter` may call: of its services and sent to no other counter, or sent to it.
    private static func waitingCount(for counter: QueueCounter, on sql: any SQLDatabase) async throws -> Int {
        struct Count: Decodable { var n: Int }
        var services: SQLQueryString = "FALSE"
        if !counter.serviceIDs.isEmpty {
            services = "service_id IN (\(binds: counter.serviceIDs)) AND target_counter_id IS NULL"
        }
        return try await sql.raw(
            "SELECT COUNT(*) AS n FROM queue_tickets WHERE status = 'waiting' AND (" + services
                + " OR target_counter_id = \(bind: counter.id))"
        ).first(decoding: Count.self)?.n ?? 0
    }
}
