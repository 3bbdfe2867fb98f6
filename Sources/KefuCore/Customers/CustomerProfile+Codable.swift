import Foundation

/// `Codable` from `jsonMembers`: missing or `null` keys take their defaults (a create request
/// needs only `name`), unknown keys are ignored, every key is written (`null` when absent).
extension CustomerProfile: Codable {
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        for member in Self.jsonMembers {
            let key = AnyCodingKey(member.name)
            switch member {
            case .field(let field):
                if let value = try field.decode(from: container, forKey: key, required: false) {
                    field.set(value, in: &self)
                }
            case .group(_, let fields):
                guard container.contains(key), try !container.decodeNil(forKey: key) else { continue }
                // A group is written whole, so each of its members is required.
                let nested = try container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key)
                for field in fields {
                    if let value = try field.decode(from: nested, forKey: AnyCodingKey(field.member), required: true) {
                        field.set(value, in: &self)
                    }
                }
            case .customFields:
                customFields = try container.decodeIfPresent([String: CustomFieldValue].self, forKey: key) ?? [:]
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for member in Self.jsonMembers {
            let key = AnyCodingKey(member.name)
            switch member {
            case .field(let field):
                try field.value(in: self).encode(to: &container, forKey: key)
            case .group(_, let fields):
                var nested = container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key)
                for field in fields {
                    try field.value(in: self).encode(to: &nested, forKey: AnyCodingKey(field.member))
                }
            case .customFields:
                try container.encode(customFields, forKey: key)
            }
        }
    }
}

extension CustomerField {
    /// The field's value under `key`, nil when absent or `null` (unless `required`).
    fileprivate func decode(
        from container: KeyedDecodingContainer<AnyCodingKey>, forKey key: AnyCodingKey, required: Bool
    ) throws -> Value? {
        switch kind {
        case .flag:
            if required { return .flag(try container.decode(Bool.self, forKey: key)) }
            return try container.decodeIfPresent(Bool.self, forKey: key).map(Value.flag)
        case .phones, .emails, .tags:
            return try container.decodeIfPresent([String].self, forKey: key).map(Value.list)
        case .branch, .staffUser:
            return try container.decodeIfPresent(UUID.self, forKey: key).map { .text($0.uuidString) }
        case .choice(let choice):
            guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let value = choice.strict(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "must be \(choice.described)")
            }
            return .text(value)
        case .name, .text, .date, .tier:
            return try container.decodeIfPresent(String.self, forKey: key).map(Value.text)
        }
    }
}

extension CustomerField.Value {
    fileprivate func encode(to container: inout KeyedEncodingContainer<AnyCodingKey>, forKey key: AnyCodingKey) throws {
        switch self {
        case .text(let text?): try container.encode(text, forKey: key)
        case .text(nil): try container.encodeNil(forKey: key)
        case .list(let items): try container.encode(items, forKey: key)
        case .flag(let flag): try container.encode(flag, forKey: key)
        }
    }
}
