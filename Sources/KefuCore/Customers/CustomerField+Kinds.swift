import Foundation

/// Typed constructors for `CustomerProfile.fields`: each takes the property's key path and
/// derives the rest from the JSON key (column and input `consent_phone` for `consent.phone`,
/// label `customer.<key>`) unless told otherwise.
extension CustomerField {
    typealias Path<Value> = any WritableKeyPath<CustomerProfile, Value> & Sendable

    static func name(_ key: String, _ path: Path<String>, section: Section) -> CustomerField {
        CustomerField(
            key: key, column: nil, label: nil, kind: .name, section: section, display: nil, merge: .survivor,
            searchable: true, get: { .text($0[keyPath: path]) }, set: { $0[keyPath: path] = $1.text ?? "" })
    }

    /// Free text, a date or a tier.
    static func text(
        _ kind: Kind, _ key: String, _ path: Path<String?>, section: Section, merge: Merge = .fillEmpty,
        searchable: Bool = false
    ) -> CustomerField {
        CustomerField(
            key: key, column: nil, label: nil, kind: kind, section: section, display: nil, merge: merge,
            searchable: searchable, get: { .text($0[keyPath: path]) }, set: { $0[keyPath: path] = $1.text })
    }

    /// Phones, emails or tags.
    static func list(
        _ kind: Kind, _ key: String, _ path: Path<[String]>, column: String? = nil, section: Section
    ) -> CustomerField {
        CustomerField(
            key: key, column: column, label: nil, kind: kind, section: section, display: nil, merge: .union,
            searchable: true, get: { .list($0[keyPath: path]) }, set: { $0[keyPath: path] = $1.list })
    }

    static func flag(_ key: String, _ path: Path<Bool>, section: Section, merge: Merge) -> CustomerField {
        CustomerField(
            key: key, column: nil, label: nil, kind: .flag, section: section, display: nil, merge: merge,
            searchable: false, get: { .flag($0[keyPath: path]) }, set: { $0[keyPath: path] = $1.flag })
    }

    /// A branch id held in JSON and forms; CSV files name the branch in `column`.
    static func branch(
        _ key: String, _ path: Path<UUID?>, column: String, label: String, section: Section
    ) -> CustomerField {
        CustomerField(
            key: key, column: column, label: label, kind: .branch, section: section, display: nil,
            merge: .fillEmpty, searchable: false, get: { .text($0[keyPath: path]?.uuidString) },
            set: { $0[keyPath: path] = $1.text.flatMap(UUID.init(uuidString:)) })
    }

    /// A choice that always has a value (an unknown one sets `CustomerProfile()`'s).
    static func choice<Choice: RawRepresentable<String> & CaseIterable & Sendable>(
        _ key: String, _ path: Path<Choice>, section: Section, display: Display? = nil, merge: Merge,
        aliases: [String: String] = [:], looseInJSON: Bool = false
    ) -> CustomerField {
        let values = Choice.allCases.map(\.rawValue)
        let fallback = CustomerProfile()[keyPath: path]
        return CustomerField(
            key: key, column: nil, label: nil,
            kind: .choice(.init(values: values, isOptional: false, aliases: aliases, looseInJSON: looseInJSON)),
            section: section, display: display, merge: merge, searchable: false,
            get: { .text($0[keyPath: path].rawValue) },
            set: { $0[keyPath: path] = $1.text.flatMap(Choice.init(rawValue:)) ?? fallback })
    }

    /// A choice that may be absent.
    static func optionalChoice<Choice: RawRepresentable<String> & CaseIterable & Sendable>(
        _ key: String, _ path: Path<Choice?>, section: Section
    ) -> CustomerField {
        CustomerField(
            key: key, column: nil, label: nil,
            kind: .choice(
                .init(values: Choice.allCases.map(\.rawValue), isOptional: true, aliases: [:], looseInJSON: false)),
            section: section, display: nil, merge: .fillEmpty, searchable: false,
            get: { .text($0[keyPath: path]?.rawValue) },
            set: { $0[keyPath: path] = $1.text.flatMap(Choice.init(rawValue:)) })
    }
}
