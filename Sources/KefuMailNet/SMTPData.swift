/// The DATA section of an SMTP transaction (RFC 5321 §4.5.2): every line end made CRLF, a line that
/// starts with a dot gets a second one, and the section ends with `CRLF . CRLF`.
enum SMTPData {
    static func encode(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 40 + 5)
        var atLineStart = true
        var index = 0
        while index < message.count {
            let byte = message[index]
            if atLineStart && byte == UInt8(ascii: ".") { out.append(byte) }
            switch byte {
            case UInt8(ascii: "\r"):
                out += [0x0D, 0x0A]
                // A CRLF pair is one line end, a lone CR one too.
                if index + 1 < message.count && message[index + 1] == 0x0A { index += 1 }
                atLineStart = true
            case UInt8(ascii: "\n"):
                out += [0x0D, 0x0A]
                atLineStart = true
            default:
                out.append(byte)
                atLineStart = false
            }
            index += 1
        }
        if !atLineStart { out += [0x0D, 0x0A] }
        out += [UInt8(ascii: "."), 0x0D, 0x0A]
        return out
    }
}
