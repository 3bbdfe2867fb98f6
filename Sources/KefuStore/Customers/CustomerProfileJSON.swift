import Foundation
import KefuCore

/// The `customers.profile` column text, written by hand for every stored customer because
/// `JSONEncoder` costs more per row than all the rest of an import's per-row work together (and
/// 8 % of a create's CPU).
///
/// It is the compact form of what `StoreJSON.encode(profile)` writes: the same keys in the same
/// order and the same escapes, but keys whose value is the decoder's default (absent optionals,
/// empty lists, `false`, `person`, `new`, `unspecified`, all-false consent) are left out, as
/// `CustomerProfile.init(from:)` fills them in. A million rows are ~200 MB smaller that way, which
/// SQLite would otherwise write twice (WAL, then checkpoint). Tests check that every form decodes
/// to the profile it came from.
enum CustomerProfileJSON {
    static func encode(_ profile: CustomerProfile) throws -> String {
        // Validation refuses infinities and NaN; JSON has no spelling for them.
        guard profile.customFields.values.allSatisfy(\.isFinite) else { return try StoreJSON.encode(profile) }
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(UInt8(ascii: "{"))
        // Keys in the sorted order `JSONEncoder` produces for `CustomerProfile.CodingKeys`.
        optional("address", profile.address, &out)
        optional("birthday", profile.birthday, &out)
        optional("branch_id", profile.branchID?.uuidString, &out)
        let consent = profile.consent
        if consent.email || consent.phone || consent.sms || consent.wechat {
            key("consent", &out)
            out.append(UInt8(ascii: "{"))
            key("email", &out); bool(consent.email, &out)
            key("phone", &out); bool(consent.phone, &out)
            key("sms", &out); bool(consent.sms, &out)
            key("wechat", &out); bool(consent.wechat, &out)
            out.append(UInt8(ascii: "}"))
        }
        if !profile.customFields.isEmpty { key("custom_fields", &out); customFields(profile.customFields, &out) }
        optional("department", profile.department, &out)
        list("emails", profile.emails, &out)
        if profile.gender != .unspecified { key("gender", &out); string(profile.gender.rawValue, &out) }
        if profile.isInternal { key("internal", &out); bool(true, &out) }
        if profile.kind != .person { key("kind", &out); string(profile.kind.rawValue, &out) }
        key("name", &out); string(profile.name, &out)
        optional("organization", profile.organization, &out)
        optional("personality", profile.personality?.rawValue, &out)
        list("phones", profile.phones, &out)
        optional("remarks", profile.remarks, &out)
        optional("source_channel", profile.sourceChannel, &out)
        if profile.stage != .new { key("stage", &out); string(profile.stage.rawValue, &out) }
        list("tags", profile.tags, &out)
        optional("tier", profile.tier, &out)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `"name":`, after a comma unless it is the first key of its object.
    private static func key(_ name: StaticString, _ out: inout [UInt8]) {
        if out.last != UInt8(ascii: "{") { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\""))
        literal(name, &out)
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    private static func literal(_ text: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private static func bool(_ value: Bool, _ out: inout [UInt8]) {
        literal(value ? "true" : "false", &out)
    }

    private static func optional(_ name: StaticString, _ value: String?, _ out: inout [UInt8]) {
        guard let value else { return }
        key(name, &out)
        string(value, &out)
    }

    private static func list(_ name: StaticString, _ values: [String], _ out: inout [UInt8]) {
        guard !values.isEmpty else { return }
        key(name, &out)
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(value, &out)
        }
        out.append(UInt8(ascii: "]"))
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
