/// Writes header fields that are pure ASCII and folded to at most 78 columns (RFC 5322 §2.1.1),
/// with RFC 2047 encoded words where the text is not ASCII.
///
/// Folding happens only at the spaces between tokens; a line break or control character in a value
/// becomes a space, so no value can add a field of its own (header injection).
enum HeaderWriter {
    static let lineLimit = 78

    /// `Name: tokens` joined by spaces, a line broken before any token that would pass the limit.
    static func field(_ name: String, tokens: [String]) -> String {
        var out = name + ":"
        var column = out.count
        for token in tokens where !token.isEmpty {
            if column + 1 + token.count > lineLimit, column > name.count + 1 {
                out += "\r\n"
                column = 0
            }
            out += " " + token
            column += 1 + token.count
        }
        return out + "\r\n"
    }

    /// Unstructured text (`Subject`): the ASCII words at either end stay readable, the stretch from
    /// the first to the last word that needs encoding becomes encoded words, whose white space
    /// decoders drop, so the text comes back exactly (runs of white space as one space).
    static func unstructuredTokens(_ text: String, name: String) -> [String] {
        let words = clean(text).split(separator: " ").map(String.init)
        guard let first = words.firstIndex(where: needsEncoding), let last = words.lastIndex(where: needsEncoding)
        else { return words }
        // Words short enough that the first fits on the line after the plain words before it.
        let before = words[..<first].reduce(0) { $0 + $1.count + 1 }
        let encoded = EncodedWords.encode(
            words[first...last].joined(separator: " "), maxLength: max(24, lineLimit - name.count - 3 - before))
        return Array(words[..<first]) + encoded + Array(words[(last + 1)...])
    }

    /// A mailbox: `Name <address>`, the name plain when it is only atoms, quoted when it holds
    /// specials, encoded when it is not ASCII; the last token carries `suffix` (a list's comma).
    static func mailboxTokens(_ mailbox: MailAddress, name field: String, suffix: String = "") -> [String] {
        let address = "<" + clean(mailbox.address).replacingOccurrences(of: " ", with: "") + ">" + suffix
        guard let display = mailbox.name.map(clean), !display.isEmpty else { return [address] }
        let words = display.split(separator: " ").map(String.init)
        if words.contains(where: needsEncoding) {
            return EncodedWords.encode(display, maxLength: lineLimit - field.count - 3) + [address]
        }
        if display.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || "!#$%&'*+-/=?^_`{|}~".contains($0) }) {
            return words + [address]
        }
        let escaped = display.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ["\"" + escaped + "\"", address]
    }

    private static func needsEncoding(_ word: String) -> Bool {
        !word.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value < 0x7F } || word.contains("=?")
    }

    /// Control characters (CR and LF included) as spaces, runs of white space as one, trimmed.
    private static func clean(_ text: String) -> String {
        text.unicodeScalars.split { $0.properties.generalCategory == .control || $0.isWhitespace }
            .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
    }
}
