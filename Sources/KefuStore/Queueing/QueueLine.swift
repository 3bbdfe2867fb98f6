import Foundation
import KefuCore
import SQLKit

/// A service's line of waiting tickets, as the calling policy orders it. Where a ticket stands is 1 + the tickets
/// the branch's policy would call before it; the store counts those per class below the policy's `ArrivalBound`
/// with the waiting index, and compares one by one only the few that arrived within a second of a bound, so a
/// position costs the same with 10 or 10,000 waiting.
enum QueueLine {
    struct Row: Decodable {
        var id: UUID
        var service_id: UUID
        var `class`: String
        var arrived_at: Date
        var issued_at: Date
    }

    /// Arrivals this close to a bound are compared exactly, in Swift, rather than by the database's `<`.
    static let tieMargin: TimeInterval = 1

    /// 1 + the waiting tickets of `ticket`'s service called before it at `now` (`ticket` need not be stored yet).
    static func position(of ticket: QueueTicket, setup: QueueBranchSetup, now: Date, on sql: any SQLDatabase)
        async throws -> Int
    {
        let mine = waiting(ticket, order: setup.classOrder)
        var clearly: [SQLQueryString] = []
        var near: [SQLQueryString] = []
        // The ticket itself, if stored, is never below its own bound: only the rows at the bounds exclude it.
        let line: SQLQueryString = "queue_tickets WHERE service_id = \(bind: ticket.serviceID) AND status = 'waiting'"
        for queueClass in QueueClass.allCases {
            let rank = setup.classOrder.rank(of: queueClass)
            let ofClass: SQLQueryString = line + " AND class = \(bind: queueClass.rawValue)"
            switch setup.policy.arrivalBound(classRank: rank, aheadOf: mine) {
            case .none: continue
            case .all: clearly.append("(SELECT COUNT(*) FROM " + ofClass + ")")
            case .before(let instant):
                let low = instant.addingTimeInterval(-tieMargin)
                let high = instant.addingTimeInterval(tieMargin)
                clearly.append("(SELECT COUNT(*) FROM " + ofClass + " AND arrived_at < \(bind: low))")
                near.append(
                    "SELECT id, service_id, class, arrived_at, issued_at FROM " + ofClass
                        + " AND arrived_at >= \(bind: low) AND arrived_at <= \(bind: high) AND id <> \(bind: ticket.id)"
                )
            }
        }
        // One index range per class: a sum of counts, and a union of the few rows at the bounds.
        struct Count: Decodable { var n: Int }
        var ahead = 0
        if !clearly.isEmpty {
            ahead = try await sql.raw("SELECT " + joined(clearly, " + ") + " AS n").first(decoding: Count.self)?.n ?? 0
        }
        if !near.isEmpty {
            let rows = try await sql.raw(joined(near, " UNION ALL ")).all(decoding: Row.self)
            ahead +=
                QueueCalling.position(
                    of: mine, among: rows.map { waiting($0, order: setup.classOrder) }, policy: setup.policy, now: now)
                - 1
        }
        return ahead + 1
    }

    /// `parts` with `separator` between them (a UNION, a sum).
    static func joined(_ parts: [SQLQueryString], _ separator: String) -> SQLQueryString {
        var query = parts[0]
        for part in parts.dropFirst() { query = query + SQLQueryString(separator) + part }
        return query
    }

    /// A stored ticket as the policy sees it; an unknown class ranks last.
    static func waiting(_ row: Row, order: QueueClassOrder) -> WaitingTicket {
        WaitingTicket(
            id: row.id, serviceID: row.service_id,
            classRank: QueueClass(rawValue: row.class).map(order.rank(of:)) ?? QueueClass.allCases.count,
            arrivedAt: row.arrived_at, sequence: sequence(row.issued_at))
    }

    /// A ticket as the policy sees it.
    static func waiting(_ ticket: QueueTicket, order: QueueClassOrder) -> WaitingTicket {
        WaitingTicket(
            id: ticket.id, serviceID: ticket.serviceID, classRank: order.rank(of: ticket.queueClass),
            arrivedAt: ticket.arrivedAt, sequence: sequence(ticket.issuedAt))
    }

    /// Creation order: the issue time in milliseconds (ties fall to the ids, which are time-ordered too).
    static func sequence(_ issuedAt: Date) -> Int64 { Int64((issuedAt.timeIntervalSince1970 * 1000).rounded()) }
}
