public import Foundation
public import KefuCore
import FluentKit
import SQLKit

extension TicketRepository {
    /// Merges ticket `id` into `survivorID` in one transaction (`TicketMerge` decides whether it may): every
    /// message moves to the survivor, which so lists both conversations in time order and takes the tags of
    /// both; the merged ticket is closed, points at the survivor (as do tickets merged into it before), is linked
    /// `duplicate_of` it and stays read-only; `ticket.merged` lands on the customer's timeline.
    public func merge(_ id: UUID, into survivorID: UUID, by attribution: Attribution) async throws -> Record {
        guard id != survivorID else { throw ServiceDeskError.mergeIntoItself }
        try await db.sqlTransaction { tx in
            let source = try await Self.load(id, on: tx)
            let survivor = try await Self.load(survivorID, field: "into", on: tx)
            let sameCustomer =
                try await Self.customerRoot(source.customerID, on: tx)
                == (try await Self.customerRoot(survivor.customerID, on: tx))
            let (merged, kept) = try TicketMerge.merge(
                source, into: survivor, sameCustomer: sameCustomer, now: attribution.now)
            try await tx.update("ticket_messages").set("ticket_id", to: survivorID).where("ticket_id", .equal, id).run()
            try await tx.update("tickets").set("merged_into", to: survivorID).where("merged_into", .equal, id).run()
            try await tx.update("tickets").set("status", to: merged.status.rawValue)
                .set("resolved_at", to: merged.resolvedAt).set("closed_at", to: attribution.now)
                .set("merged_into", to: survivorID).set("updated_at", to: attribution.now).where("id", .equal, id)
                .run()
            // The survivor takes the merged ticket's search text (number, words and messages): a search for any of
            // them finds the survivor, which lists those messages now.
            try await TicketSearch.absorbing(
                id,
                into: tx.update("tickets").set("tags", to: try StoreJSON.encode(kept.tags))
                    .set("updated_at", to: attribution.now)
            )
            .where("id", .equal, survivorID).run()
            try await Self.replaceTags(kept.tags, for: survivorID, on: tx)
            try await TicketSLA.refresh(id, on: tx, now: attribution.now)
            try await Self.deleteLink(between: id, and: survivorID, on: tx)
            try await Self.write(
                TicketLink(ticketID: id, linkedTicketID: survivorID, kind: .duplicateOf), on: tx, by: attribution)
            let summary = "\(merged.number) → \(kept.number)"
            let data = ["merged_into": survivorID.uuidString, "survivor_number": kept.number.description]
            try await Self.event(
                merged, kind: TicketEventKind.merged, summary: summary, data: data, on: tx, by: attribution)
            if kept.customerID != merged.customerID {
                try await Self.event(
                    kept, kind: TicketEventKind.merged, summary: summary, data: data, on: tx, by: attribution)
            }
            for (before, after) in [(source, merged), (survivor, kept)] {
                try await AuditLog.record(
                    on: tx, attribution, action: TicketEventKind.merged, entityType: "ticket",
                    entityID: after.id.uuidString, changes: try AuditLog.diff(before: before, after: after))
            }
        }
        // The merged ticket's status page now shows the survivor's conversation.
        await announce(id, survivorID)
        return try await get(survivorID)
    }

    /// Moves one message of ticket `id` to a new ticket for the same customer (its survivor, if merged since),
    /// with type, channel, priority, branch and team copied, the subject given or the old one, the message's body
    /// as description and its time as `received_at`; the new ticket is owned by the usual first-contact rules for
    /// `creator` and linked `related` to the old one. Only that message moves: later ones may answer either
    /// matter (another split makes another ticket, which can then be merged into the first).
    public func split(
        _ id: UUID, messageID: UUID, subject: String?, creator: TicketCreator, by attribution: Attribution
    ) async throws -> Record {
        let capacity = try await settings.get().serviceDesk.ticketCapacity
        let newID = try await db.sqlTransaction { tx in
            let source = try await Self.load(id, on: tx)
            try TicketLifecycle.ensureWritable(source)
            guard
                let row = try await tx.select().column("*").from("ticket_messages").where("id", .equal, messageID)
                    .where("ticket_id", .equal, id).first(decoding: TicketMessageRow.self)
            else {
                throw DomainError.invalid([
                    FieldError(field: "message_id", code: "unknown_message", message: "No such message on this ticket.")
                ])
            }
            let customer = try await Self.customerRoot(source.customerID, on: tx)
            let draft = try Self.validated(
                TicketDraft(
                    customerID: customer, type: source.type, channel: source.channel,
                    subject: subject ?? source.subject,
                    description: row.body, priority: source.priority, branchID: source.branchID, teamID: source.teamID,
                    receivedAt: row.created_at),
                now: attribution.now)
            let ticket = try await Self.insert(draft, creator: creator, capacity: capacity, on: tx, by: attribution)
            try await tx.update("ticket_messages").set("ticket_id", to: ticket.id).where("id", .equal, messageID).run()
            try await tx.update("tickets").set("updated_at", to: attribution.now).where("id", .equal, id).run()
            try await Self.write(
                TicketLink(ticketID: ticket.id, linkedTicketID: id, kind: .related), on: tx, by: attribution)
            try await AuditLog.record(
                on: tx, attribution, action: "ticket.split", entityType: "ticket", entityID: id.uuidString,
                changes: ["message": .init(before: messageID.uuidString, after: ticket.id.uuidString)])
            return ticket.id
        }
        return try await get(newID)
    }

    /// The customer a ticket's customer stands for now: its survivor when it was merged.
    private static func customerRoot(_ id: UUID, on tx: any SQLDatabase) async throws -> UUID {
        struct Row: Decodable { var root: UUID }
        let root = SQLFunction.coalesce(SQLIdentifier("merged_into"), SQLIdentifier("id"))
        return try await tx.select().column(root, as: "root").from("customers").where("id", .equal, id)
            .first(decoding: Row.self)?.root ?? id
    }
}
