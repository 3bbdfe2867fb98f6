/// The profile as a JSON object, laid out from `fields`: the API, the stored column text and
/// `Codable` all write these members in this order, which is the order `JSONEncoder`'s
/// `.sortedKeys` gives.
extension CustomerProfile {
    /// One member of the profile's JSON object.
    public enum JSONMember: Sendable {
        case field(CustomerField)
        /// An object of fields sharing a key prefix (`consent`), its members sorted.
        case group(String, [CustomerField])
        case customFields

        public var name: String {
            switch self {
            case .field(let field): field.key
            case .group(let name, _): name
            case .customFields: "custom_fields"
            }
        }
    }

    /// Every member, sorted by name.
    public static let jsonMembers: [JSONMember] = {
        var members: [JSONMember] = [.customFields]
        var groups: [String: [CustomerField]] = [:]
        for field in fields {
            if let group = field.group {
                groups[group, default: []].append(field)
            } else {
                members.append(.field(field))
            }
        }
        for (name, fields) in groups {
            members.append(.group(name, fields.sorted { $0.member.utf8.lexicographicallyPrecedes($1.member.utf8) }))
        }
        return members.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }()
}

extension CustomerField.Value {
    /// Appends the value as `JSONEncoder` writes it: a string or `null`, an array of strings, a boolean.
    public func appendJSON(to out: inout [UInt8]) {
        switch self {
        case .text(let text?): JSONText.appendString(text, to: &out)
        case .text(nil): out += [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")]
        case .flag(let flag): out += Array((flag ? "true" : "false").utf8)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }
}
