import Foundation

/// Content-Transfer-Encoding (RFC 2045 §6): how a MIME part's bytes were made 7-bit safe.
///
/// Decoding is lenient because mailers are: base64 skips line breaks, white space and any stray
/// character and tolerates missing padding; quoted-printable keeps a malformed `=` as it is.
enum TransferEncoding {
    /// The decoded bytes of a body under a `Content-Transfer-Encoding` value (any case); 7bit, 8bit,
    /// binary and unknown encodings pass through.
    static func decode(_ body: ArraySlice<UInt8>, encoding: String?) -> [UInt8] {
        switch encoding?.trimmingWhitespace().lowercased() {
        case "base64": decodeBase64(body)
        case "quoted-printable": decodeQuotedPrintable(body)
        default: Array(body)
        }
    }

    static func decodeBase64(_ body: some Collection<UInt8>) -> [UInt8] {
        var clean = body.filter(isBase64Letter)
        if clean.count % 4 == 1 { clean.removeLast() }  // a lone sixth of a byte carries nothing
        clean += Array(repeating: UInt8(ascii: "="), count: (4 - clean.count % 4) % 4)
        return Data(base64Encoded: Data(clean)).map { [UInt8]($0) } ?? []
    }

    static func decodeQuotedPrintable(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = body.startIndex
        while i < body.endIndex {
            let byte = body[i]
            if byte == UInt8(ascii: "=") {
                // A soft line break: `=`, optional transport padding, then CRLF or LF.
                var j = i + 1
                while j < body.endIndex, body[j] == 0x20 || body[j] == 0x09 { j += 1 }
                if j < body.endIndex, body[j] == 0x0D, j + 1 < body.endIndex, body[j + 1] == 0x0A {
                    i = j + 2
                    continue
                }
                if j < body.endIndex, body[j] == 0x0A {
                    i = j + 1
                    continue
                }
                if j == body.endIndex {
                    i = j
                    continue
                }
                if i + 2 < body.endIndex, let high = hexValue(body[i + 1]), let low = hexValue(body[i + 2]) {
                    out.append(high << 4 | low)
                    i += 3
                    continue
                }
            } else if byte == 0x20 || byte == 0x09 {
                // White space before a line end was added in transport (RFC 2045 §6.7 rule 3).
                var j = i
                while j < body.endIndex, body[j] == 0x20 || body[j] == 0x09 { j += 1 }
                if j == body.endIndex || body[j] == 0x0A || body[j] == 0x0D {
                    i = j
                    continue
                }
            }
            out.append(byte)
            i += 1
        }
        return out
    }

    /// Base64 in lines of 76 characters ending in CRLF, as a MIME body carries it.
    static func encodeBase64Lines(_ bytes: [UInt8]) -> [UInt8] {
        let text = Array(Data(bytes).base64EncodedString().utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.count + text.count / 38 + 2)
        var start = 0
        while start < text.count {
            let end = min(start + 76, text.count)
            out += text[start..<end]
            out += [0x0D, 0x0A]
            start = end
        }
        return out
    }

    private static func isBase64Letter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
            true
        default: false
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
