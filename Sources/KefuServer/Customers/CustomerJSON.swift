import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// Customers written as JSON by hand: byte for byte what the API's `JSONEncoder` (sorted keys,
/// ISO 8601 dates, unescaped slashes) writes for a `RecordDTO<CustomerProfile>` — a test holds the
/// two equal for every field. Customers are the API's most frequent answer (lists of up to 200),
/// and Foundation's encoder spent ~40 % of a list request's CPU on them.
struct CustomerJSON {
    private(set) var bytes: [UInt8] = []

    /// `{"items": [customers], "next_cursor": token | null}`.
    static func list(_ page: Page<Customer>, cursors: CursorSigner) throws -> [UInt8] {
        var json = CustomerJSON()
        json.bytes.reserveCapacity(600 * page.items.count + 64)
        json.raw("{\"items\":[")
        for (index, customer) in page.items.enumerated() {
            if index > 0 { json.raw(",") }
            try json.customer(customer)
        }
        json.raw("],\"next_cursor\":")
        json.string(page.nextCursor.map(cursors.token(for:)))
        json.raw("}")
        return json.bytes
    }

    static func one(_ customer: Customer) throws -> [UInt8] {
        var json = CustomerJSON()
        try json.customer(customer)
        return json.bytes
    }

    /// A member of a customer's object: one of the profile's, or the record's own.
    private enum Member {
        case field(CustomerField)
        /// A group's fields, each with the bytes before its value (`{"email":`, `,"phone":`).
        case group([(prefix: [UInt8], field: CustomerField)])
        case customFields
        case id, createdAt, updatedAt
    }

    /// The profile's members and the record's `id`, `created_at` and `updated_at`, sorted by name,
    /// each with the bytes before its value (`{"address":`, `,"birthday":`), worked out once.
    private static let members: [(prefix: [UInt8], member: Member)] = {
        var named: [(String, Member)] = [("id", .id), ("created_at", .createdAt), ("updated_at", .updatedAt)]
        for member in CustomerProfile.jsonMembers {
            switch member {
            case .field(let field): named.append((member.name, .field(field)))
            case .group(_, let fields): named.append((member.name, .group(prefixed(fields.map { ($0.member, $0) }))))
            case .customFields: named.append((member.name, .customFields))
            }
        }
        named.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        return prefixed(named)
    }()

    /// `{"first":`, `,"second":`, … before each item.
    private static func prefixed<Item>(_ items: [(String, Item)]) -> [(prefix: [UInt8], Item)] {
        items.enumerated().map { index, item in
            var prefix: [UInt8] = [UInt8(ascii: index == 0 ? "{" : ",")]
            JSONText.appendString(item.0, to: &prefix)
            prefix.append(UInt8(ascii: ":"))
            return (prefix, item.1)
        }
    }

    private mutating func customer(_ customer: Customer) throws {
        let p = customer.profile
        for (prefix, member) in Self.members {
            bytes += prefix
            switch member {
            case .field(let field):
                field.value(in: p).appendJSON(to: &bytes)
            case .group(let fields):
                for (prefix, field) in fields {
                    bytes += prefix
                    field.value(in: p).appendJSON(to: &bytes)
                }
                raw("}")
            case .customFields:
                if p.customFields.isEmpty {
                    raw("{}")
                } else {
                    // Rare, and numbers must be written exactly as Foundation writes them.
                    bytes += try KefuJSON.encoder.encode(p.customFields)
                }
            case .id: string(customer.id.uuidString)
            case .createdAt: date(customer.createdAt)
            case .updatedAt: date(customer.updatedAt)
            }
        }
        raw("}")
    }

    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes += $0 }
    }

    private mutating func string(_ value: String?) {
        guard let value else { return raw("null") }
        JSONText.appendString(value, to: &bytes)
    }

    /// RFC 3339 in UTC to the second, as `JSONEncoder.DateEncodingStrategy.iso8601` writes it.
    private mutating func date(_ date: Date) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        bytes.append(UInt8(ascii: "\""))
        digits(Int(parts.tm_year) + 1900, width: 4)
        bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, width: 2)
        bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), width: 2)
        bytes.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), width: 2)
        bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), width: 2)
        bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), width: 2)
        raw("Z\"")
    }

    private mutating func digits(_ value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
