import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A record written as JSON field by field. Each DTO only lists which value goes under which name;
/// the writing is here, once, so every such DTO writes an absent optional as `null` (the key is
/// always there) and leaves key order to `KefuJSON`.
protocol FieldsDTO: ResponseEncodable, Sendable {
    /// The JSON fields: name and value.
    var fields: KeyValuePairs<String, any Encodable> { get }
}

extension FieldsDTO {
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        for (name, value) in fields { try c.encode(value, forKey: AnyCodingKey(name)) }
    }
}
