public import Foundation
public import KefuCore
import FluentKit
import SQLKit

extension CustomerRepository {
    /// Merges `duplicateID` into `survivorID`: the survivor takes every phone, email, tag, contact,
    /// note, timeline event, purchase and health event of the duplicate and fills its empty fields from it (its
    /// health re-evaluated with them); the duplicate stays as a redirect (`merged_into`). One transaction,
    /// audited on both records.
    public func merge(duplicateID: UUID, into survivorID: UUID, by attribution: Attribution) async throws -> Customer {
        guard duplicateID != survivorID else {
            throw DomainError.invalid([
                FieldError(
                    field: "duplicate_id", code: "same_customer",
                    message: "A customer cannot be merged into itself.")
            ])
        }
        return try await db.sqlTransaction { tx in
            let survivor = try await Self.loadForMerge(survivorID, on: tx)
            let duplicate = try await Self.loadForMerge(duplicateID, on: tx)
            let combined = try CustomerMerge.combine(
                survivor: survivor.customer().profile, duplicate: duplicate.customer().profile)
            // Release the duplicate's identities first so the survivor can claim them.
            try await tx.delete(from: "customer_identities").where("customer_id", .equal, duplicateID).run()
            try await tx.delete(from: "customer_tags").where("customer_id", .equal, duplicateID).run()
            for table in ["key_contacts", "notes", "timeline_events", "purchases", "health_events"] {
                try await tx.update(table).set("customer_id", to: survivorID).where("customer_id", .equal, duplicateID)
                    .run()
            }
            try await tx.update("customers").set("merged_into", to: survivorID).set("updated_at", to: attribution.now)
                .where("id", .equal, duplicateID).run()
            // Earlier redirects to the duplicate now point at the survivor (no chains).
            try await tx.update("customers").set("merged_into", to: survivorID).where(
                "merged_into", .equal, duplicateID
            ).run()
            try await tx.delete(from: "customer_health").where("customer_id", .equal, duplicateID).run()
            try await HealthLedger.evaluate([survivorID], on: tx, now: attribution.now)
            var merged = try await Self.replace(survivor, with: combined, on: tx, by: attribution)
            try await Self.refreshSearchText(survivorID, on: tx)
            try await Timeline.append(
                on: tx, customerID: survivorID, kind: CustomerEventKind.merged,
                summary: "Merged \(duplicate.name) into this customer",
                data: ["duplicate_id": duplicateID.uuidString, "duplicate_name": duplicate.name],
                attribution: attribution)
            try await AuditLog.record(
                on: tx, attribution, action: CustomerEventKind.merged, entityType: "customer",
                entityID: duplicateID.uuidString,
                changes: ["merged_into": .init(before: nil, after: survivorID.uuidString)])
            merged.updatedAt = attribution.now
            return merged
        }
    }

    /// Merging needs both records live; a record already merged is a conflict, not a redirect.
    private static func loadForMerge(_ id: UUID, on tx: any SQLDatabase) async throws -> CustomerRow {
        do {
            return try await load(id, on: tx)
        } catch DomainError.merged(let into) {
            throw DomainError.conflict(
                message: "Customer \(id.uuidString) was already merged into \(into.uuidString).",
                field: "duplicate_id", conflictingID: into)
        }
    }
}
