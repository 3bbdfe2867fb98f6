import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A coding key made from any string: DTOs that write a record's fields by name use it.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
