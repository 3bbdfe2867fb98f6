/// Message identifiers (RFC 5322 §3.6.4) as threading needs them: kept with their angle brackets,
/// exactly as the headers carry them, because that is how they are stored and compared.
public enum MessageID {
    /// The ids in a `Message-ID`, `In-Reply-To` or `References` value, in order: each `<…>` token
    /// (white space that folding left inside one removed), ignoring the phrases and comments old
    /// mailers put around them. A value without any `<` is taken as white-space separated bare ids.
    public static func list(_ value: String) -> [String] {
        guard value.contains("<") else { return value.split(whereSeparator: \.isWhitespace).map(String.init) }
        var ids: [String] = []
        var current: String?
        for character in value {
            if character == "<" {
                current = "<"
            } else if character == ">", let open = current {
                if open.count > 1 { ids.append(open + ">") }
                current = nil
            } else if !character.isWhitespace {
                current?.append(character)
            }
        }
        return ids
    }

    /// A new id, `<unique@domain>`: the caller supplies a part unique to the message (a UUID) and the
    /// mailbox's domain. Characters an id may not hold are replaced by `-`.
    public static func make(unique: String, domain: String) -> String {
        func clean(_ text: String) -> String {
            String(
                text.map {
                    $0.isASCII && ($0.isLetter || $0.isNumber || "!#$%&'*+-/=?^_`{|}~.".contains($0)) ? $0 : "-"
                })
        }
        return "<\(clean(unique))@\(clean(domain.lowercased()))>"
    }
}
