import Foundation

/// A `Content-Type` or `Content-Disposition` value: `text/plain; charset="gbk"` → `text/plain` and
/// `["charset": "gbk"]`.
///
/// Parameter names are lower-cased. RFC 2231 forms are decoded and joined: `filename*=UTF-8''%E5…`,
/// continuations `filename*0*=…; filename*1*=…` and plain `name*0=…`. Quoted values lose their
/// quotes and backslash escapes; unquoted values with spaces (Foxmail's `name=报价 单.pdf`) are kept
/// whole up to the next `;`.
struct MIMEHeaderValue: Sendable, Equatable {
    /// The value before the first `;`, lower-cased (`multipart/mixed`, `attachment`).
    var value: String
    var parameters: [String: String]

    init(_ text: String) {
        let pieces = Self.split(text)
        value = (pieces.first ?? "").trimmingWhitespace().lowercased()
        var plain: [String: String] = [:]
        var sections: [String: [(index: Int, encoded: Bool, text: String)]] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let key = piece[..<equals].trimmingWhitespace().lowercased()
            let raw = Self.unquote(piece[piece.index(after: equals)...].trimmingWhitespace())
            guard !key.isEmpty else { continue }
            guard let star = key.firstIndex(of: "*") else {
                plain[key] = plain[key] ?? raw
                continue
            }
            let name = String(key[..<star])
            let rest = key[key.index(after: star)...]
            let encoded = rest.hasSuffix("*") || rest.isEmpty
            let index = Int(rest.hasSuffix("*") ? rest.dropLast() : rest) ?? 0
            sections[name, default: []].append((index, encoded, raw))
        }
        for (name, parts) in sections {
            plain[name] = Self.join(parts.sorted { $0.index < $1.index })
        }
        parameters = plain
    }

    /// RFC 2231 sections in order: the first encoded one may start with `charset'language'`; the
    /// percent-encoded bytes of all of them are decoded together in that charset.
    private static func join(_ parts: [(index: Int, encoded: Bool, text: String)]) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        for (position, part) in parts.enumerated() {
            var text = Substring(part.text)
            if part.encoded, position == 0 {
                let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3 {
                    charset = pieces[0].isEmpty ? nil : String(pieces[0])
                    text = pieces[2]
                }
            }
            bytes += part.encoded ? percentDecoded(text.utf8) : Array(text.utf8)
        }
        return MailCharset.decode(bytes, label: charset)
    }

    private static func percentDecoded(_ text: Substring.UTF8View) -> [UInt8] {
        let bytes = Array(text)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let high = TransferEncoding.hexValue(bytes[i + 1]),
                let low = TransferEncoding.hexValue(bytes[i + 2])
            {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// Splits at the `;` that are outside quoted strings.
    private static func split(_ text: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var quoted = false
        var escaped = false
        for index in text.indices {
            let character = text[index]
            if escaped {
                escaped = false
            } else if character == "\\" && quoted {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                pieces.append(text[start..<index])
                start = text.index(after: index)
            }
        }
        pieces.append(text[start...])
        return pieces
    }

    private static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        var out = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if !escaped && character == "\\" {
                escaped = true
                continue
            }
            escaped = false
            out.append(character)
        }
        return out
    }
}
