import Foundation
import KefuCore
import SQLKit

/// A change to a record a customer holds (a key contact, a note). Every such change leaves the same
/// three traces in its own transaction: a timeline event naming the record (`<type>_id`), an audit
/// row, and the customer's search text rebuilt, since it includes these records.
enum CustomerItemChange {
    static func record(
        _ kind: String, summary: String, entityType: String, id: UUID, customerID: UUID,
        changes: [String: AuditEntry.FieldChange], on tx: any SQLDatabase, by attribution: Attribution
    ) async throws {
        try await Timeline.append(
            on: tx, customerID: customerID, kind: kind, summary: summary,
            data: [entityType + "_id": id.uuidString], attribution: attribution)
        try await AuditLog.record(
            on: tx, attribution, action: kind, entityType: entityType, entityID: id.uuidString, changes: changes)
        try await CustomerRepository.refreshSearchText(customerID, on: tx)
    }
}
