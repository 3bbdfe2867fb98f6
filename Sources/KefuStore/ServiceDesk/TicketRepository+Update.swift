public import Foundation
public import KefuCore
import FluentKit
import SQLKit

extension TicketRepository {
    /// Applies `change` in one transaction: a status change under the lifecycle and the complaint
    /// gate, priority, tags, and a change of assignee as a transfer with its reason. A closed ticket
    /// is read-only (409). Resolving a ticket that met its SLA is a `resolved_within_sla` health event.
    public func update(_ id: UUID, with input: TicketChange, by attribution: Attribution) async throws -> Record {
        guard let actor = attribution.userID else { throw DomainError.notFound(entity: "user", id: "") }
        let change: TicketChange
        do throws(ValidationFailure) {
            change = try input.validated()
        } catch {
            throw DomainError.invalid(error)
        }
        let statusChanged = try await writes.write { tx in
            let before = try await Self.load(id, on: tx)
            try TicketLifecycle.ensureWritable(before)
            var ticket = before
            var statusChange = StatusChange.unchanged
            if let status = change.status {
                let complaint =
                    ticket.type == .complaint ? try await ComplaintRepository.load(id, on: tx) : ComplaintRecord()
                statusChange = try TicketLifecycle.change(ticket, to: status, complaint: complaint)
                ticket = TicketLifecycle.applying(statusChange, to: ticket, now: attribution.now)
            }
            if let priority = change.priority { ticket.priority = priority }
            if let tags = change.tags { ticket.tags = tags }
            var transfer: TicketTransfer?
            if let assignee = change.assigneeID {
                if let assignee, try await !TicketReferences.isActiveStaff(assignee, on: tx) {
                    throw DomainError.invalid([
                        FieldError(field: "assignee_id", code: "unknown_user", message: "No such active user.")
                    ])
                }
                transfer = try TicketOwnership.transfer(
                    &ticket, to: assignee, by: actor, reason: change.transferReason, now: attribution.now)
            }
            guard ticket != before else { return false }
            ticket.updatedAt = attribution.now
            // Met or not is asked before the resolution stops the clocks.
            var resolvedWithinSLA = false
            if before.resolvedAt == nil, ticket.resolvedAt != nil {
                resolvedWithinSLA = try await HealthLedger.metSLA(ticket: id, on: tx, now: attribution.now)
            }
            try await Self.write(ticket, closing: statusChange, now: attribution.now, on: tx)
            try await TicketSLA.refresh(id, on: tx, now: attribution.now)
            if resolvedWithinSLA {
                try await HealthLedger.ticketResolvedWithinSLA(ticket, on: tx, now: attribution.now)
            }
            if ticket.tags != before.tags { try await Self.replaceTags(ticket.tags, for: id, on: tx) }
            if let transfer { try await Self.recordTransfer(transfer, of: ticket, on: tx, by: attribution) }
            if case .changed(let from, let to) = statusChange {
                try await Self.event(
                    ticket, kind: TicketEventKind.statusChanged,
                    summary: "\(ticket.number) \(from.rawValue) → \(to.rawValue)",
                    data: ["from": from.rawValue, "to": to.rawValue], on: tx, by: attribution)
                if to == .resolved {
                    try await FollowUpTriggers.record(
                        FollowUpTriggerEvent.resolved(ticket, at: attribution.now), on: tx, now: attribution.now)
                    try await SurveyAutoCSAT.schedule(.init(ticketID: id), on: tx, now: attribution.now)
                }
            }
            try await AuditLog.record(
                on: tx, attribution, action: "ticket.updated", entityType: "ticket", entityID: id.uuidString,
                changes: try AuditLog.diff(before: before, after: ticket))
            return statusChange != .unchanged
        }
        if statusChanged { await announce(id) }
        return try await get(id)
    }

    /// A change of assignee's `transfers` row, timeline event and notifications (the caller writes the ticket
    /// itself).
    static func recordTransfer(
        _ transfer: TicketTransfer, of ticket: Ticket, on tx: any SQLDatabase, by attribution: Attribution
    ) async throws {
        try await tx.insert(into: "ticket_transfers").model(
            TicketTransferRow(
                id: TimeOrderedID.next(now: attribution.now), ticket_id: ticket.id, by_id: transfer.byID,
                from_id: transfer.fromID, to_id: transfer.toID, reason: transfer.reason, created_at: transfer.createdAt)
        ).run()
        try await event(
            ticket, kind: TicketEventKind.transferred, summary: "\(ticket.number) \(transfer.reason)",
            data: ["to_id": transfer.toID?.uuidString ?? ""], on: tx, by: attribution)
        try await notify(
            transfer.recipients(ownerID: ticket.ownerID), about: ticket, params: ["reason": transfer.reason], on: tx,
            by: attribution)
    }

    private static func write(
        _ ticket: Ticket, closing change: StatusChange, now: Date, on tx: any SQLDatabase
    ) async throws {
        var update = tx.update("tickets").set("status", to: ticket.status.rawValue)
            .set("priority", to: ticket.priority.rawValue).set("assignee_id", to: ticket.assigneeID)
            .set("resolved_at", to: ticket.resolvedAt).set("updated_at", to: ticket.updatedAt)
            .set("tags", to: try StoreJSON.encode(ticket.tags))
        if case .changed(_, let to) = change {
            update = update.set("closed_at", to: to == .closed ? now : nil)
        }
        try await update.where("id", .equal, ticket.id).run()
    }
}
