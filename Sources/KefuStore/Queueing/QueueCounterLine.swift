public import Foundation
public import KefuCore
import SQLKit

/// What a counter's console shows (issue 14 §3): the ticket at the counter, the tickets it may call in the order
/// the branch's policy would call them — so the agent sees the line `callNext` works through — and the branch's
/// parked tickets, which any counter may call back.
public struct QueueCounterLine: Sendable, Equatable {
    public var counter: QueueCounter
    public var setup: QueueBranchSetup
    /// The ticket called or being served at the counter (the latest called, should there be two).
    public var current: QueueTicket?
    /// The waiting tickets of the counter's services not sent to another counter, and those sent to this one.
    public var waiting: [QueueTicket]
    /// The branch's parked tickets, earliest arrival first.
    public var parked: [QueueTicket]
}

extension QueueTicketRepository {
    /// The counter's line at `now`; an unknown counter is `.notFound`.
    public func line(counterID: UUID, now: Date) async throws -> QueueCounterLine {
        let sql = db.sql
        let counter = try await QueueSetupRepository.counterRow(counterID, on: sql).counter
        let setup = try await QueueSetupRepository.setup(of: counter.branchID, on: sql)
        let tickets = try await sql.select().column("*").from("queue_tickets")
            .where("branch_id", .equal, counter.branchID)
            .where(
                "status", .in,
                [QueueTicket.Status.waiting, .called, .serving, .parked].map(\.rawValue)
            )
            .orderBy("arrived_at").orderBy("issued_at").all(decoding: QueueRows.Ticket.self).map { try $0.ticket }
        let callable = tickets.filter { ticket in
            guard ticket.status == .waiting else { return false }
            if let target = ticket.targetCounterID { return target == counter.id }
            return counter.serviceIDs.contains(ticket.serviceID)
        }
        let byID = Dictionary(uniqueKeysWithValues: callable.map { ($0.id, $0) })
        let order = QueueCalling.ordered(
            callable.map { Self.waiting($0, order: setup.classOrder) }, policy: setup.policy, now: now)
        return QueueCounterLine(
            counter: counter, setup: setup,
            current: tickets.filter { ($0.status == .called || $0.status == .serving) && $0.counterID == counter.id }
                .max { ($0.calledAt ?? .distantPast) < ($1.calledAt ?? .distantPast) },
            waiting: order.compactMap { byID[$0.id] }, parked: tickets.filter { $0.status == .parked })
    }

    /// A ticket as the calling policy sees it, ranked and sequenced as `QueueLine` ranks stored rows.
    private static func waiting(_ ticket: QueueTicket, order: QueueClassOrder) -> WaitingTicket {
        WaitingTicket(
            id: ticket.id, serviceID: ticket.serviceID, classRank: order.rank(of: ticket.queueClass),
            arrivedAt: ticket.arrivedAt, sequence: QueueLine.sequence(ticket.issuedAt))
    }
}
