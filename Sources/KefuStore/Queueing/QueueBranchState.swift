public import Foundation
public import KefuCore
import SQLKit

/// A branch's queue at a glance (`GET /queue/branches/{id}/state`, the board, the counters' page): each counter
/// with the ticket at it, the waiting tickets per service and class, and the last ticket called.
public struct QueueBranchState: Sendable, Equatable {
    public struct CounterState: Sendable, Equatable {
        public var counter: QueueCounter
        public var current: QueueTicket?
    }

    public struct Waiting: Sendable, Equatable {
        public var serviceID: UUID
        public var byClass: [QueueClass: Int]
        public var total: Int { byClass.values.reduce(0, +) }
    }

    public var counters: [CounterState]
    public var waiting: [Waiting]
    public var lastCalled: QueueTicket?
    /// The latest calls, newest first (the board's "last called" list).
    public var recentCalls: [QueueTicket]
}

extension QueueTicketRepository {
    /// The branch's state now; an unknown branch is `.notFound`.
    public func state(of branchID: UUID, recent: Int = 6) async throws -> QueueBranchState {
        let sql = db.sql
        try await QueueSetupRepository.requireBranch(branchID, on: sql)
        let counters = try await sql.select().column("*").from("queue_counters").where("branch_id", .equal, branchID)
            .orderBy("name").all(decoding: QueueRows.Counter.self).map { try $0.counter }
        let active = try await sql.select().column("*").from("queue_tickets").where("branch_id", .equal, branchID)
            .where("status", .in, [QueueTicket.Status.called.rawValue, QueueTicket.Status.serving.rawValue])
            .orderBy("called_at", .descending).all(decoding: QueueRows.Ticket.self).map { try $0.ticket }
        struct Count: Decodable {
            var service_id: UUID
            var `class`: String
            var n: Int
        }
        let counts = try await sql.raw(
            """
            SELECT t.service_id, t.class, COUNT(*) AS n FROM queue_tickets t
            JOIN queue_services s ON s.id = t.service_id
            WHERE s.branch_id = \(bind: branchID) AND t.status = 'waiting' GROUP BY t.service_id, t.class
            """
        ).all(decoding: Count.self)
        let services = try await sql.select().column("id").from("queue_services").where("branch_id", .equal, branchID)
            .orderBy("prefix").all(decoding: IDRow.self).map(\.id)
        let waiting = services.map { service in
            var byClass: [QueueClass: Int] = [:]
            for count in counts where count.service_id == service {
                if let queueClass = QueueClass(rawValue: count.class) { byClass[queueClass, default: 0] += count.n }
            }
            return QueueBranchState.Waiting(serviceID: service, byClass: byClass)
        }
        let recentCalls = try await sql.select().column("*").from("queue_tickets").where("branch_id", .equal, branchID)
            .where("called_at", .isNot, SQLLiteral.null).orderBy("called_at", .descending).limit(recent)
            .all(decoding: QueueRows.Ticket.self).map { try $0.ticket }
        return QueueBranchState(
            counters: counters.map { counter in
                .init(counter: counter, current: active.first { $0.counterID == counter.id })
            }, waiting: waiting, lastCalled: recentCalls.first, recentCalls: recentCalls)
    }

    private struct IDRow: Decodable { var id: UUID }
}
