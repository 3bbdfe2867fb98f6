import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// An audit row as JSON.
struct AuditEntryDTO: ResponseEncodable, Sendable {
    var entry: AuditEntry

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(entry.id, forKey: .init("id"))
        try c.encode(entry.actorID, forKey: .init("actor_id"))
        try c.encode(entry.actorEmail, forKey: .init("actor_email"))
        try c.encode(entry.action, forKey: .init("action"))
        try c.encode(entry.entityType, forKey: .init("entity_type"))
        try c.encode(entry.entityID, forKey: .init("entity_id"))
        try c.encode(entry.changes, forKey: .init("changes"))
        try c.encode(entry.requestID, forKey: .init("request_id"))
        try c.encode(entry.occurredAt, forKey: .init("occurred_at"))
    }
}
