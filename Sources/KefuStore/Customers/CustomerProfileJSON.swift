import Foundation
import KefuCore

/// The `customers.profile` column text, written by hand for every stored customer because
/// `JSONEncoder` costs more per row than all the rest of an import's per-row work together (and
/// 8 % of a create's CPU).
///
/// It is the compact form of what `StoreJSON.encode(profile)` writes: the same keys
/// (`CustomerProfile.jsonMembers`) in the same order and the same escapes, but keys whose value is
/// the field's default (absent optionals, empty lists, `false`, `person`, `new`, `unspecified`, a
/// group of all-false flags) are left out, as `CustomerProfile.init(from:)` fills them in. A million rows are ~200 MB smaller that way, which
/// SQLite would otherwise write twice (WAL, then checkpoint). Tests check that every form decodes
/// to the profile it came from.
enum CustomerProfileJSON {
    static func encode(_ profile: CustomerProfile) throws -> String {
        // Validation refuses infinities and NaN; JSON has no spelling for them.
        guard profile.customFields.values.allSatisfy(\.isFinite) else { return try StoreJSON.encode(profile) }
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(UInt8(ascii: "{"))
        for (name, member) in Self.members {
            switch member {
            case .field(let field):
                let value = field.value(in: profile)
                guard value != field.defaultValue else { continue }
                key(name, &out)
                value.appendJSON(to: &out)
            case .group(let fields):
                // Whole or not at all: the reader requires every member of a group.
                let values = fields.map { $0.field.value(in: profile) }
                guard zip(fields, values).contains(where: { $0.field.defaultValue != $1 }) else { continue }
                key(name, &out)
                out.append(UInt8(ascii: "{"))
                for (field, value) in zip(fields, values) {
                    key(field.name, &out)
                    value.appendJSON(to: &out)
                }
                out.append(UInt8(ascii: "}"))
            case .customFields:
                guard !profile.customFields.isEmpty else { continue }
                key(name, &out)
                customFields(profile.customFields, &out)
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A member of the stored object, its name written out once as `"name":`.
    private enum Member {
        case field(CustomerField)
        case group([(name: [UInt8], field: CustomerField)])
        case customFields
    }

    private static let members: [(name: [UInt8], member: Member)] = CustomerProfile.jsonMembers.map { member in
        switch member {
        case .field(let field): (quoted(member.name), .field(field))
        case .group(_, let fields): (quoted(member.name), .group(fields.map { (quoted($0.member), $0) }))
        case .customFields: (quoted(member.name), .customFields)
        }
    }

    private static func quoted(_ name: String) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONText.appendString(name, to: &bytes)
        return bytes + [UInt8(ascii: ":")]
    }

    /// `"name":`, after a comma unless it is the first key of its object.
    private static func key(_ name: [UInt8], _ out: inout [UInt8]) {
        if out.last != UInt8(ascii: "{") { out.append(UInt8(ascii: ",")) }
        out += name
    }

    private static func literal(_ text: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Sorted keys, so equal fields are equal text; a number in Swift's shortest round-trip spelling.
    private static func customFields(_ fields: [String: CustomFieldValue], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, key) in fields.keys.sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(key, &out)
            out.append(UInt8(ascii: ":"))
            switch fields[key] {
            case .string(let text): string(text, &out)
            case .number(let number): out.append(contentsOf: number.description.utf8)
            case nil: literal("null", &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func string(_ value: String, _ out: inout [UInt8]) {
        JSONText.appendString(value, to: &out)
    }
}

private extension CustomFieldValue {
    var isFinite: Bool {
        if case .number(let number) = self { return number.isFinite }
        return true
    }
}
