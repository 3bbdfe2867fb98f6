/// One IMAP server response (RFC 3501 §7): a tagged status, an untagged `*` line, or a `+`
/// continuation — with the literals (`{N}` followed by N raw bytes) it carries kept as bytes.
struct IMAPResponse: Sendable, Equatable {
    enum Status: String, Sendable, Equatable {
        case ok = "OK"
        case no = "NO"
        case bad = "BAD"
    }

    enum Kind: Sendable, Equatable {
        case tagged(String, Status)
        case untagged
        case continuation
    }

    var kind: Kind
    /// The response's text after the tag and status (or after `*` / `+`), with each literal's
    /// `{N}` marker left in place of its bytes.
    var text: String
    var literals: [[UInt8]]

    /// The first word of an untagged response's text, upper-cased, after a message number when there
    /// is one: `SEARCH` for `* SEARCH 1 2`, `FETCH` for `* 3 FETCH (…)`.
    var keyword: String {
        let words = text.split(separator: " ", maxSplits: 2)
        guard let first = words.first else { return "" }
        if first.allSatisfy(\.isNumber), words.count > 1 { return words[1].uppercased() }
        return first.uppercased()
    }

    /// The number after `name` in the text (`UID` in `1 FETCH (UID 34 BODY[] {12})`).
    func number(after name: String) -> Int? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" })
        guard let index = words.firstIndex(where: { $0.uppercased() == name }), index + 1 < words.count else {
            return nil
        }
        return Int(words[index + 1])
    }

    /// Takes one complete response off the front of `bytes`; nil (and `bytes` untouched) while a
    /// line or a literal is still incomplete. Lines end in CRLF or a bare LF.
    static func parse(_ bytes: inout [UInt8]) throws(IMAPError) -> IMAPResponse? {
        var position = 0
        var line: [UInt8] = []
        var literals: [[UInt8]] = []
        while true {
            guard let newline = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            var segment = bytes[position..<newline]
            if segment.last == UInt8(ascii: "\r") { segment = segment.dropLast() }
            line += segment
            position = newline + 1
            guard let count = literalLength(atEndOf: segment) else { break }
            guard count <= MailConnection.responseLimit else {
                throw IMAPError(.protocolError, "the server announced a \(count)-byte literal")
            }
            guard bytes.count - position >= count else { return nil }
            literals.append(Array(bytes[position..<position + count]))
            position += count
        }
        bytes.removeFirst(position)
        return try classify(String(decoding: line, as: UTF8.self), literals: literals)
    }

    /// N when a line ends with `{N}` (or the `{N+}` of LITERAL+).
    private static func literalLength(atEndOf line: ArraySlice<UInt8>) -> Int? {
        guard line.last == UInt8(ascii: "}"), let open = line.lastIndex(of: UInt8(ascii: "{")) else { return nil }
        var digits = line[(open + 1)..<(line.endIndex - 1)]
        if digits.last == UInt8(ascii: "+") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return nil
        }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    private static func classify(_ line: String, literals: [[UInt8]]) throws(IMAPError) -> IMAPResponse {
        if line == "+" || line.hasPrefix("+ ") {
            return IMAPResponse(kind: .continuation, text: String(line.dropFirst(2)), literals: literals)
        }
        if line == "*" || line.hasPrefix("* ") {
            return IMAPResponse(kind: .untagged, text: String(line.dropFirst(2)), literals: literals)
        }
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard words.count >= 2, let status = Status(rawValue: words[1].uppercased()) else {
            throw IMAPError(.protocolError, "unexpected server line: \(line.prefix(200))")
        }
        return IMAPResponse(
            kind: .tagged(String(words[0]), status), text: words.count > 2 ? String(words[2]) : "", literals: literals)
    }
}
