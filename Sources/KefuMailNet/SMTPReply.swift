/// One SMTP reply (RFC 5321 §4.2): a three-digit code and its text lines, read whole even when the
/// server splits it over several `250-…` lines.
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    var isPermanentFailure: Bool { code >= 500 }

    /// The text of every line joined, as the server wrote it, for errors and logs.
    var text: String { lines.joined(separator: " / ") }

    /// Takes one complete reply off the front of `bytes`; nil (and `bytes` untouched) while the
    /// last line has not arrived. Lines end in CRLF or a bare LF.
    static func parse(_ bytes: inout [UInt8]) throws(SMTPError) -> SMTPReply? {
        var start = 0
        var code: Int?
        var lines: [String] = []
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = bytes[start..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            start = newline + 1
            guard line.count >= 3, let lineCode = Int(String(decoding: line.prefix(3), as: UTF8.self)),
                (200...599).contains(lineCode), line.count == 3 || [0x20, 0x2D].contains(line[line.startIndex + 3])
            else {
                throw SMTPError(
                    .temporary, "malformed SMTP reply line: \(String(decoding: line.prefix(200), as: UTF8.self))")
            }
            if let code, code != lineCode {
                throw SMTPError(.temporary, "SMTP reply changed its code mid-reply (\(code), then \(lineCode))")
            }
            code = lineCode
            lines.append(String(decoding: line.dropFirst(4), as: UTF8.self))
            let isLast = line.count == 3 || line[line.startIndex + 3] == 0x20
            if isLast {
                bytes.removeFirst(start)
                return SMTPReply(code: lineCode, lines: lines)
            }
        }
        return nil
    }
}
