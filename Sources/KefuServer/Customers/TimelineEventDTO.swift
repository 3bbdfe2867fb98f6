import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A timeline event as JSON.
struct TimelineEventDTO: ResponseEncodable, Sendable {
    var event: TimelineEvent

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(event.id, forKey: .init("id"))
        try c.encode(event.customerID, forKey: .init("customer_id"))
        try c.encode(event.kind, forKey: .init("kind"))
        try c.encode(event.summary, forKey: .init("summary"))
        try c.encode(event.data, forKey: .init("data"))
        try c.encode(event.actorID, forKey: .init("actor_id"))
        try c.encode(event.occurredAt, forKey: .init("occurred_at"))
    }
}
