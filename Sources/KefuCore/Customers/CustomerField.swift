import Foundation

/// One field of `CustomerProfile` and how every format spells it: its JSON key (the API and the
/// stored text), its CSV column, its web form input, its label and what a merge does with it.
/// The JSON writers and readers, CSV import and export, the form, the profile page, validation and
/// merge all walk `CustomerProfile.fields` instead of naming fields, so a new profile field is its
/// property and one entry there (plus its labels in the locale files, and a migration when lists
/// filter by it). A class, so walking the list for every row of an import copies one reference per
/// field rather than all of its names and closures.
public final class CustomerField: Sendable {
    /// What the field holds, which decides how each format reads, writes and checks it.
    public enum Kind: Sendable, Equatable {
        /// The required name: trimmed, at most `CustomerRules.maxNameLength` characters.
        case name
        /// Optional free text: trimmed, empty means absent, at most `CustomerRules.maxTextLength`.
        case text(TextSize)
        /// An optional `YYYY-MM-DD` record date.
        case date
        /// Phone numbers, normalised to E.164 (one claim each, see `CustomerConflict`).
        case phones
        /// Email addresses, lower-cased.
        case emails
        /// Labels, deduplicated without regard to case.
        case tags
        /// One of a fixed set of values.
        case choice(Choice)
        /// One of the business's configured tiers.
        case tier
        /// A branch id; CSV files name the branch instead.
        case branch
        /// An active staff user's id; CSV files hold the user's email instead.
        case staffUser
        /// Yes or no.
        case flag
    }

    /// How much room a free-text field gets on the form.
    public enum TextSize: Sendable, Equatable {
        case short
        case line
        case paragraph
    }

    /// The form's fieldset a field sits in.
    public enum Section: String, Sendable, CaseIterable {
        case identity
        case relationship
    }

    /// Where the profile page shows the field.
    public enum Display: Sendable, Equatable {
        case heading
        case badge
        case tags
        case detail
    }

    /// What merging a duplicate into a survivor does with the field.
    public enum Merge: Sendable, Equatable {
        /// The survivor's value stays.
        case survivor
        /// The survivor's value, or the duplicate's when the survivor's is absent or the default.
        case fillEmpty
        /// Both lists, the survivor's first.
        case union
        /// Both texts, one per line.
        case joinLines
        /// Yes when either says yes.
        case either
    }

    /// A field's value in the three shapes formats deal in.
    public enum Value: Sendable, Equatable {
        case text(String?)
        case list([String])
        case flag(Bool)
    }

    /// JSON key; a dot nests it in an object (`consent.phone` is `"consent": {"phone": …}`).
    public let key: String
    /// The object a dotted key nests in (`consent` for `consent.phone`).
    public let group: String?
    /// The key inside its group, or the whole key.
    public let member: String
    /// CSV column name.
    public let column: String
    /// Web form input name.
    public let input: String
    /// Locale key of the field's label.
    public let label: String
    public let kind: Kind
    public let section: Section
    public let display: Display
    public let merge: Merge
    /// Whether the customer search (`q`) looks in it.
    public let searchable: Bool
    /// The value of a profile made by `CustomerProfile()`: what an absent JSON key means.
    public let defaultValue: Value
    private let get: @Sendable (CustomerProfile) -> Value
    private let set: @Sendable (inout CustomerProfile, Value) -> Void

    init(
        key: String, column: String?, label: String?, kind: Kind, section: Section, display: Display?,
        merge: Merge, searchable: Bool,
        get: @escaping @Sendable (CustomerProfile) -> Value,
        set: @escaping @Sendable (inout CustomerProfile, Value) -> Void
    ) {
        self.key = key
        let dot = key.firstIndex(of: ".")
        group = dot.map { String(key[..<$0]) }
        member = dot.map { String(key[key.index(after: $0)...]) } ?? key
        let flat = key.replacingOccurrences(of: ".", with: "_")
        self.column = column ?? flat
        self.input = flat
        self.label = label ?? (key.contains(".") ? key : "customer." + key)
        self.kind = kind
        self.section = section
        self.display = display ?? Self.display(of: kind)
        self.merge = merge
        self.searchable = searchable
        self.get = get
        self.set = set
        defaultValue = get(CustomerProfile())
    }

    private static func display(of kind: Kind) -> Display {
        switch kind {
        case .name: .heading
        case .tags: .tags
        case .choice, .tier: .badge
        default: .detail
        }
    }

    public func value(in profile: CustomerProfile) -> Value {
        get(profile)
    }

    /// Sets the field; a text that the field cannot hold (an unknown choice, a malformed branch or user id)
    /// sets its default, so callers check with `choice.strict` or `UUID(uuidString:)` first.
    public func set(_ value: Value, in profile: inout CustomerProfile) {
        set(&profile, value)
    }

    /// The key as English prose for messages: `source_channel` → "Source channel".
    public var title: String {
        let words = member.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The choices of a `.choice` field.
    public var choice: Choice? {
        if case .choice(let choice) = kind { return choice }
        return nil
    }
}

extension CustomerField.Value {
    /// The text, or nil for a list or flag.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    public var list: [String] {
        if case .list(let list) = self { return list }
        return []
    }

    public var flag: Bool {
        if case .flag(let flag) = self { return flag }
        return false
    }
}
