import Foundation
import KefuCore

extension CustomerProfileJSON {
    /// The profile in a `customers.profile` column, read by hand: `JSONDecoder` took 30 % of a
    /// customer list's CPU. Gives what `CustomerProfile.init(from:)` gives for the same text, or nil
    /// for anything it does not read exactly so (then `StoreJSON.decode` decides, error included).
    static func decode(_ text: String) -> CustomerProfile? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            guard case .object(let fields)? = reader.value(), reader.atEnd else { return nil }
            return profile(fields)
        }
    }

    /// `CustomerProfile.init(from:)`: absent or null keys take their defaults, unknown keys are ignored,
    /// and a repeated key counts once, the last time.
    private static func profile(_ members: [(key: String, value: JSONValue)]) -> CustomerProfile? {
        var profile = CustomerProfile()
        var next = 0
        for (name, value) in members {
            // Stored text has its keys in `jsonMembers` order: look from the last match on.
            guard let index = targets.index(of: name, from: next) else { continue }
            next = index + 1
            switch targets[index] {
            case .field(let field):
                guard !value.isNull else {
                    field.set(field.defaultValue, in: &profile)
                    continue
                }
                guard let read = fieldValue(value, of: field) else { return nil }
                field.set(read, in: &profile)
            case .group(_, let fields):
                if value.isNull {
                    for field in fields { field.set(field.defaultValue, in: &profile) }
                    continue
                }
                // Every member is required, as `init(from:)` requires them.
                guard case .object(let nested) = value else { return nil }
                for field in fields {
                    guard let member = nested.last(where: { $0.key == field.member }),
                        let read = fieldValue(member.value, of: field)
                    else { return nil }
                    field.set(read, in: &profile)
                }
            case .customFields:
                guard !value.isNull else {
                    profile.customFields = [:]
                    continue
                }
                guard let custom = customFields(value) else { return nil }
                profile.customFields = custom
            }
        }
        return profile
    }

    private static let targets = CustomerProfile.jsonMembers

    /// The field's value from its JSON, as `init(from:)` reads it; nil where that would throw.
    private static func fieldValue(_ value: JSONValue, of field: CustomerField) -> CustomerField.Value? {
        switch field.kind {
        case .flag:
            guard case .bool(let flag) = value else { return nil }
            return .flag(flag)
        case .phones, .emails, .tags:
            return value.strings.map(CustomerField.Value.list)
        case .branch, .staffUser:
            return value.string.flatMap(UUID.init(uuidString:)).map { .text($0.uuidString) }
        case .choice(let choice):
            return value.string.flatMap(choice.strict).map(CustomerField.Value.text)
        case .name, .text, .date, .tier:
            return value.string.map(CustomerField.Value.text)
        }
    }

    private static func customFields(_ value: JSONValue) -> [String: CustomFieldValue]? {
        guard case .object(let fields) = value else { return nil }
        var result: [String: CustomFieldValue] = [:]
        for (key, field) in fields {
            switch field {
            case .string(let text): result[key] = .string(text)
            case .number(let number): result[key] = .number(number)
            default: return nil
            }
        }
        return result
    }
}

/// A parsed JSON value.
private enum JSONValue {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Members in the order written (no hashing: a profile has a handful).
    case object([(key: String, value: JSONValue)])

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var strings: [String]? {
        guard case .array(let items) = self else { return nil }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard case .string(let text) = item else { return nil }
            result.append(text)
        }
        return result
    }
}

/// A strict JSON reader (RFC 8259) over UTF-8 bytes; nil on anything else.
private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool {
        mutating get {
            skipSpace()
            return index == bytes.count
        }
    }

    mutating func value(depth: Int = 0) -> JSONValue? {
        skipSpace()
        guard index < bytes.count, depth < 32 else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return number().map(JSONValue.number)
        }
    }

    private mutating func object(depth: Int) -> JSONValue? {
        index += 1
        var fields: [(key: String, value: JSONValue)] = []
        skipSpace()
        if take(UInt8(ascii: "}")) { return .object(fields) }
        repeat {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipSpace()
            guard take(UInt8(ascii: ":")), let item = value(depth: depth + 1) else { return nil }
            fields.append((key, item))
            skipSpace()
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}")) ? .object(fields) : nil
    }

    private mutating func array(depth: Int) -> JSONValue? {
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if take(UInt8(ascii: "]")) { return .array(items) }
        repeat {
            guard let item = value(depth: depth + 1) else { return nil }
            items.append(item)
            skipSpace()
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? .array(items) : nil
    }

    /// A string literal; `index` is at its opening quote.
    private mutating func string() -> String? {
        index += 1
        let start = index
        // Fast path: no escapes, which is nearly every stored string.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            guard bytes[index] >= 0x20 else { return nil }
            index += 1
        }
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
        }
        var out = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    out.append(contentsOf: String(Character(scalar)).utf8)
                default: return nil
                }
            case 0x00..<0x20:
                return nil
            default:
                out.append(byte)
            }
        }
        return nil
    }

    /// `XXXX` after `\u`, with a following `\uXXXX` low surrogate when this is a high one.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let high = hex4() else { return nil }
        guard (0xD800..<0xDC00).contains(high) else { return Unicode.Scalar(high) }
        guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(), (0xDC00..<0xE000).contains(low)
        else { return nil }
        return Unicode.Scalar(0x10000 + (high - 0xD800) << 10 + (low - 0xDC00))
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Character(UnicodeScalar(bytes[index])).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`, finite as a Double.
    private mutating func number() -> Double? {
        let start = index
        _ = take(UInt8(ascii: "-"))
        if take(UInt8(ascii: "0")) {
            // no more integer digits after a leading zero
        } else {
            guard digits() > 0 else { return nil }
        }
        if take(UInt8(ascii: ".")) { guard digits() > 0 else { return nil } }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard digits() > 0 else { return nil }
        }
        guard let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)), number.isFinite else {
            return nil
        }
        return number
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
            UnsafeBufferPointer(start: word.utf8Start, count: count).elementsEqual(bytes[index..<index + count])
        else { return false }
        index += count
        return true
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }
}

extension JSONValue {
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension [CustomerProfile.JSONMember] {
    /// The index of the member named `name`, looking from `start` to the end, then from the start.
    fileprivate func index(of name: String, from start: Int) -> Int? {
        if start < count, let found = self[start...].firstIndex(where: { $0.name == name }) { return found }
        return self[..<Swift.min(start, count)].firstIndex { $0.name == name }
    }
}
