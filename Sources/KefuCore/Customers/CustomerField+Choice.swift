extension CustomerField {
    /// The values a choice field may take, and the other spellings readers accept.
    public struct Choice: Sendable, Equatable {
        public let values: [String]
        /// Whether the field may hold no value (personality) rather than a default one (kind).
        public let isOptional: Bool
        /// Other spellings import accepts, by their lower-cased form (`organisation`).
        public let aliases: [String: String]
        /// Whether the API reads it as loosely as import does (stage: `At-Risk`).
        public let looseInJSON: Bool

        /// The value as the API reads it: exact, unless `looseInJSON`.
        public func strict(_ text: String) -> String? {
            if looseInJSON { return loose(text) }
            return values.contains(text) ? text : nil
        }

        /// The value as import reads it: trimmed, in any case, `-` for `_`, or an alias.
        public func loose(_ text: String) -> String? {
            let lower = text.trimmingWhitespace().lowercased()
            let canonical =
                aliases[lower] ?? lower.split(separator: "-", omittingEmptySubsequences: false).joined(separator: "_")
            return values.contains(canonical) ? canonical : nil
        }

        /// The values for a message: "person or organization", "one of a, b, c".
        public var described: String {
            values.count == 2 ? values.joined(separator: " or ") : "one of " + values.joined(separator: ", ")
        }
    }
}
