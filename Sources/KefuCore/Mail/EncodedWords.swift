import Foundation

/// RFC 2047 encoded words (`=?GBK?B?zfXQoce3?=`), the way non-ASCII text travels in mail headers.
///
/// Decoding is as liberal as the mailers that write them: words are found anywhere, not only
/// between spaces; the white space between two adjacent words is dropped; and adjacent words in the
/// same charset have their bytes joined before conversion, because QQ Mail, Outlook and others cut a
/// long subject into words in the middle of a GBK or UTF-8 character.
enum EncodedWords {
    static func decode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count > 4, text.contains("=?") else { return text }
        var out = ""
        var plainStart = 0
        var pending: (charset: String, bytes: [UInt8])?
        var i = 0
        func flush() {
            if let word = pending { out += MailCharset.decode(word.bytes, label: word.charset) }
            pending = nil
        }
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "="), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "?"),
                let word = encodedWord(in: bytes, at: i)
            else {
                i += 1
                continue
            }
            let between = bytes[plainStart..<i]
            let adjacent = pending != nil && between.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            if !adjacent {
                flush()
                out += String(decoding: between, as: UTF8.self)
            }
            if let open = pending, open.charset != word.content.charset {
                flush()
                pending = word.content
            } else if pending != nil {
                pending?.bytes += word.content.bytes
            } else {
                pending = word.content
            }
            i = word.end
            plainStart = i
        }
        flush()
        out += String(decoding: bytes[plainStart...], as: UTF8.self)
        return out
    }

    /// The encoded word starting at `start` (on its `=?`), with its decoded bytes and the index after its `?=`.
    private static func encodedWord(in bytes: [UInt8], at start: Int) -> (
        content: (charset: String, bytes: [UInt8]), end: Int
    )? {
        let question = UInt8(ascii: "?")
        guard let charsetEnd = bytes[(start + 2)...].prefix(64).firstIndex(of: question), charsetEnd > start + 2,
            charsetEnd + 2 < bytes.count, bytes[charsetEnd + 2] == question
        else { return nil }
        let textStart = charsetEnd + 3
        var end = textStart
        while end + 1 < bytes.count, !(bytes[end] == question && bytes[end + 1] == UInt8(ascii: "=")) {
            guard bytes[end] != 0x20, bytes[end] != 0x0A else { return nil }
            end += 1
        }
        guard end + 1 < bytes.count else { return nil }
        let charset = String(decoding: bytes[(start + 2)..<charsetEnd], as: UTF8.self).lowercased()
        let payload = bytes[textStart..<end]
        let decoded: [UInt8]
        switch bytes[charsetEnd + 1] {
        case UInt8(ascii: "B"), UInt8(ascii: "b"):
            decoded = TransferEncoding.decodeBase64(payload)
        case UInt8(ascii: "Q"), UInt8(ascii: "q"):
            decoded = TransferEncoding.decodeQuotedPrintable(
                payload.map { $0 == UInt8(ascii: "_") ? 0x20 : $0 }[...])
        default:
            return nil
        }
        return ((charset, decoded), end + 2)
    }

    /// `text` as UTF-8 B-encoded words of at most `maxLength` characters each, never cutting a
    /// character in two, for a header writer to fold between.
    static func encode(_ text: String, maxLength: Int = 75) -> [String] {
        let prefix = "=?UTF-8?B?"
        let room = max(4, (maxLength - prefix.count - 2) / 4 * 4) / 4 * 3  // bytes per word
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > room, !chunk.isEmpty {
                words.append(prefix + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(prefix + Data(chunk).base64EncodedString() + "?=") }
        return words
    }
}
