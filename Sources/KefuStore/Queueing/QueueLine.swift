import Foundation
import KefuCore
import SQLKit

/// The waiting tickets of one service, as the calling policy compares them: where a ticket stands in its
/// service's line is the number of these the branch's policy would call before it (`QueueCalling.position`).
struct QueueLine {
    struct Row: Decodable {
        var id: UUID
        var service_id: UUID
        var `class`: String
        var arrived_at: Date
        var issued_at: Date
    }

    var rows: [Row]

    static func load(service: UUID, on sql: any SQLDatabase) async throws -> QueueLine {
        QueueLine(
            rows: try await sql.select().columns("id", "service_id", "class", "arrived_at", "issued_at")
                .from("queue_tickets").where("service_id", .equal, service).where("status", .equal, "waiting")
                .all(decoding: Row.self))
    }

    /// 1 + the tickets of the line called before `ticket` at `now` (which need not be stored yet).
    func position(of ticket: QueueTicket, setup: QueueBranchSetup, now: Date) -> Int {
        let waiting = rows.map { Self.waiting($0, order: setup.classOrder) }
        let mine = WaitingTicket(
            id: ticket.id, serviceID: ticket.serviceID, classRank: setup.classOrder.rank(of: ticket.queueClass),
            arrivedAt: ticket.arrivedAt, sequence: Self.sequence(ticket.issuedAt))
        return QueueCalling.position(of: mine, among: waiting, policy: setup.policy, now: now)
    }

    /// A stored ticket as the policy sees it; an unknown class ranks last.
    static func waiting(_ row: Row, order: QueueClassOrder) -> WaitingTicket {
        WaitingTicket(
            id: row.id, serviceID: row.service_id,
            classRank: QueueClass(rawValue: row.class).map(order.rank(of:)) ?? QueueClass.allCases.count,
            arrivedAt: row.arrived_at, sequence: sequence(row.issued_at))
    }

    /// Creation order: the issue time in milliseconds (ties fall to the ids, which are time-ordered too).
    static func sequence(_ issuedAt: Date) -> Int64 { Int64((issuedAt.timeIntervalSince1970 * 1000).rounded()) }
}
