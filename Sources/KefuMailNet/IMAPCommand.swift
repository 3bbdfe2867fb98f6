/// An IMAP command line built from atoms and strings, each string sent as a quoted string when it
/// can be one and as a synchronising literal (`{N}` then the bytes) when not (RFC 3501 §4.3).
struct IMAPCommand: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case text(String)
        case literal([UInt8])
    }

    /// The command as text and literals, without the tag and the final CRLF.
    var parts: [Part] = []
    /// The command's name, for errors (never its arguments: LOGIN has a password).
    var name: String

    init(_ atoms: String) {
        name = atoms
        parts = [.text(atoms)]
    }

    /// Appends a space and `value` as an IMAP string.
    func string(_ value: String) -> IMAPCommand {
        var copy = self
        let bytes = Array(value.utf8)
        let quotable = bytes.count < 1000 && bytes.allSatisfy { (0x20..<0x7F).contains($0) }
        if quotable {
            var quoted = "\""
            for character in value {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            copy.append(" " + quoted + "\"")
        } else {
            copy.append(" {\(bytes.count)}")
            copy.parts.append(.literal(bytes))
        }
        return copy
    }

    /// Appends a space and `value` as it is (an atom, a number, a parenthesised list).
    func atom(_ value: String) -> IMAPCommand {
        var copy = self
        copy.append(" " + value)
        return copy
    }

    private mutating func append(_ text: String) {
        if case .text(let last) = parts.last {
            parts[parts.count - 1] = .text(last + text)
        } else {
            parts.append(.text(text))
        }
    }
}
