import Foundation

/// Typed constructors for `CustomerProfile.fields`: each takes the property's getter and setter
/// (closures, not key paths: a key path projection copies the whole profile, and an import reads
/// and writes every field of a million profiles several times) and derives the rest from the JSON
/// key (column and input `consent_phone` for `consent.phone`, label `customer.<key>`) unless told
/// otherwise.
extension CustomerField {
    typealias Getter<Value> = @Sendable (CustomerProfile) -> Value
    typealias Setter<Value> = @Sendable (inout CustomerProfile, Value) -> Void

    static func name(
        _ key: String, _ get: @escaping Getter<String>, _ set: @escaping Setter<String>, section: Section
    ) -> CustomerField {
        CustomerField(
            key: key, column: nil, label: nil, kind: .name, section: section, display: nil, merge: .survivor,
            searchable: true, get: { .text(get($0)) }, set: { set(&$0, $1.text ?? "") })
    }

    /// Free text, a date or a tier.
    static func text(
        _ kind: Kind, _ key: String, _ get: @escaping Getter<String?>, _ set: @escaping Setter<String?>,
        section: Section, merge: Merge = .fillEmpty, searchable: Bool = false
    ) -> CustomerField {
        CustomerField(
            key: key, column: nil, label: nil, kind: kind, section: section, display: nil, merge: merge,
            searchable: searchable, get: { .text(get($0)) }, set: { set(&$0, $1.text) })
    }

    /// Phones, emails or tags.
    static func list(
        _ kind: Kind, _ key: String, _ get: @escaping Getter<[String]>, _ set: @escaping Setter<[String]>,
        column: String? = nil, section: Section
    ) -> CustomerField {
        CustomerField(
            key: key, column: column, label: nil, kind: kind, section: section, display: nil, merge: .union,
            searchable: true, get: { .list(get($0)) }, set: { set(&$0, $1.list) })
    }

    static func flag(
        _ key: String, _ get: @escaping Getter<Bool>, _ set: @escaping Setter<Bool>, section: Section, merge: Merge
    ) -> CustomerField {
        CustomerField(
            key: key, column: nil, label: nil, kind: .flag, section: section, display: nil, merge: merge,
            searchable: false, get: { .flag(get($0)) }, set: { set(&$0, $1.flag) })
    }

    /// A branch or staff user id held in JSON and forms; CSV files name the branch or the user's email
    /// in `column`.
    static func reference(
        _ kind: Kind, _ key: String, _ get: @escaping Getter<UUID?>, _ set: @escaping Setter<UUID?>, column: String,
        label: String, section: Section
    ) -> CustomerField {
        CustomerField(
            key: key, column: column, label: label, kind: kind, section: section, display: nil,
            merge: .fillEmpty, searchable: false, get: { .text(get($0)?.uuidString) },
            set: { set(&$0, $1.text.flatMap(UUID.init(uuidString:))) })
    }

    /// A choice that always has a value (an unknown one sets `CustomerProfile()`'s).
    static func choice<Choice: RawRepresentable<String> & CaseIterable & Sendable>(
        _ key: String, _ get: @escaping Getter<Choice>, _ set: @escaping Setter<Choice>, section: Section,
        display: Display? = nil, merge: Merge, aliases: [String: String] = [:], looseInJSON: Bool = false
    ) -> CustomerField {
        let values = Choice.allCases.map(\.rawValue)
        let fallback = get(CustomerProfile())
        return CustomerField(
            key: key, column: nil, label: nil,
            kind: .choice(.init(values: values, isOptional: false, aliases: aliases, looseInJSON: looseInJSON)),
            section: section, display: display, merge: merge, searchable: false,
            get: { .text(get($0).rawValue) },
            set: { set(&$0, $1.text.flatMap(Choice.init(rawValue:)) ?? fallback) })
    }

    /// A choice that may be absent.
    static func optionalChoice<Choice: RawRepresentable<String> & CaseIterable & Sendable>(
        _ key: String, _ get: @escaping Getter<Choice?>, _ set: @escaping Setter<Choice?>, section: Section
    ) -> CustomerField {
        CustomerField(
            key: key, column: nil, label: nil,
            kind: .choice(
                .init(values: Choice.allCases.map(\.rawValue), isOptional: true, aliases: [:], looseInJSON: false)),
            section: section, display: nil, merge: .fillEmpty, searchable: false,
            get: { .text(get($0)?.rawValue) },
            set: { set(&$0, $1.text.flatMap(Choice.init(rawValue:))) })
    }
}
