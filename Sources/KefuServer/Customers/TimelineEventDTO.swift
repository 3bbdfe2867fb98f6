import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A timeline event as JSON.
struct TimelineEventDTO: FieldsDTO {
    var event: TimelineEvent

    var fields: KeyValuePairs<String, any Encodable> {
        [
            "id": event.id, "customer_id": event.customerID, "kind": event.kind, "summary": event.summary,
            "data": event.data, "actor_id": event.actorID, "occurred_at": event.occurredAt,
        ]
    }
}
