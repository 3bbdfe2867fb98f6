public import Foundation
public import KefuCore
import SQLKit

extension TicketRepository {
    /// The SLA standing of `tickets` by id, in a few queries for the lot: the due instants stored at each
    /// ticket's last change and its breaches; a paused ticket's due instants are computed as if the pause
    /// ended `now`.
    public func slaStatuses(of tickets: [Ticket], now: Date) async throws -> [UUID: TicketSLAStatus] {
        guard !tickets.isEmpty else { return [:] }
        let sql = db.sql
        let ids = tickets.map(\.id)
        let rows = try await TicketSLA.clockRows(on: sql).where(
            SQLColumn("id", table: "tickets"), .in, SQLBind.group(ids)
        )
        .all(decoding: TicketSLA.ClockRow.self)
        var breaches: [UUID: [SLABreach]] = [:]
        for row in try await sql.select().column("*").from("ticket_sla_breaches").where("ticket_id", .in, ids)
            .orderBy("breached_at").all(decoding: TicketSLA.BreachRow.self)
        {
            breaches[row.ticket_id, default: []].append(try row.breach())
        }
        var context: TicketSLA.Context?
        var statuses: [UUID: TicketSLAStatus] = [:]
        for row in rows {
            let paused = TicketStatus(rawValue: row.status)?.pausesSLA ?? false
            var dues: [SLAMetric: Date] = row.storedDues
            if paused, row.sla_policy_id != nil {
                if context == nil { context = try await TicketSLA.Context.load(on: sql) }
                dues = try await TicketSLA.dues(of: row, context: &context!, on: sql, now: now)
            }
            statuses[row.id] = TicketSLAStatus(
                policyID: row.sla_policy_id, paused: paused, firstResponseDueAt: dues[.firstResponse],
                nextReplyDueAt: dues[.nextReply], resolutionDueAt: dues[.resolution], breaches: breaches[row.id] ?? [])
        }
        return statuses
    }

    /// `record` with its SLA standing filled in.
    func withSLA(_ record: Record, now: Date) async throws -> Record {
        var record = record
        record.sla = try await slaStatuses(of: [record.ticket], now: now)[record.ticket.id] ?? TicketSLAStatus()
        return record
    }
}

extension TicketSLA {
    /// A `ticket_sla_breaches` row.
    struct BreachRow: Decodable {
        var ticket_id: UUID
        var metric: String
        var due_at: Date
        var breached_at: Date

        func breach() throws -> SLABreach {
            guard let metric = SLAMetric(rawValue: metric) else {
                throw StoreError.corrupt("a breach of ticket \(ticket_id) names the metric \(metric)")
            }
            return SLABreach(metric: metric, dueAt: due_at, breachedAt: breached_at)
        }
    }
}
