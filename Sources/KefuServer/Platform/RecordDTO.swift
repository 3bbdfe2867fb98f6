import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A profile flattened next to the record's id and times, e.g. a customer as JSON.
struct RecordDTO<Profile: Encodable & Sendable>: ResponseEncodable, Sendable {
    var id: UUID
    var profile: Profile
    var extra: [String: UUID] = [:]
    var createdAt: Date
    var updatedAt: Date

    func encode(to encoder: any Encoder) throws {
        try profile.encode(to: encoder)
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(id, forKey: AnyCodingKey("id"))
        for (key, value) in extra { try c.encode(value, forKey: AnyCodingKey(key)) }
        try c.encode(createdAt, forKey: AnyCodingKey("created_at"))
        try c.encode(updatedAt, forKey: AnyCodingKey("updated_at"))
    }
}
