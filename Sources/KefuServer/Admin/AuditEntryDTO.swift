import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// An audit row as JSON.
struct AuditEntryDTO: FieldsDTO {
    var entry: AuditEntry

    var fields: KeyValuePairs<String, any Encodable> {
        [
            "id": entry.id, "actor_id": entry.actorID, "actor_email": entry.actorEmail, "action": entry.action,
            "entity_type": entry.entityType, "entity_id": entry.entityID, "changes": entry.changes,
            "request_id": entry.requestID, "occurred_at": entry.occurredAt,
        ]
    }
}
