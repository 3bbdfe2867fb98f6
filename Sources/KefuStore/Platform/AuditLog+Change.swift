import Foundation
import SQLKit

extension AuditLog {
    /// The audit row of one entity's change: its fields before and after (nil when it is created or
    /// deleted), as `diff` finds them.
    static func record<Value: Encodable>(
        on sql: any SQLDatabase, _ attribution: Attribution, action: String, entityType: String, id: UUID,
        before: Value?, after: Value?
    ) async throws {
        try await record(
            on: sql, attribution, action: action, entityType: entityType, entityID: id.uuidString,
            changes: try diff(before: before, after: after))
    }
}
