import Foundation

/// The type of an admin-defined custom field on customers.
public enum CustomFieldType: String, Codable, Sendable, CaseIterable {
    case text, number, date, choice
}

/// An admin-defined extra attribute on every customer (e.g. "car model", "room preference").
public struct CustomFieldDefinition: Codable, Sendable, Equatable {
    public var key: String
    public var label: String
    public var type: CustomFieldType
    /// Allowed values when `type` is `choice`.
    public var choices: [String]

    public init(key: String, label: String, type: CustomFieldType, choices: [String] = []) {
        self.key = key
        self.label = label
        self.type = type
        self.choices = choices
    }
}

/// A custom field value as it appears in JSON: a string (text, date, choice) or a number.
public enum CustomFieldValue: Codable, Sendable, Equatable {
    case string(String)
    case number(Double)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        }
    }

    /// The value as text, for CSV export and search.
    public var text: String {
        switch self {
        case .string(let text): return text
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        }
    }
}
