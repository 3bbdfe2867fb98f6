/// Readable plain text from an HTML mail body, for mail that has no text/plain part (QQ Mail and
/// Outlook often send HTML only).
///
/// Not a browser: tags are dropped, the content of `<style>`, `<script>`, `<head>` and comments is
/// left out, block elements and `<br>` become line breaks, runs of white space collapse (except in
/// `<pre>`), and character references are decoded. Enough to show the customer's words and to find
/// the quoted history in them.
enum HTMLText {
    static func text(_ html: String) -> String {
        var out = ""
        var pendingSpace = false
        var preformatted = 0
        var index = html.startIndex
        func newline() {
            pendingSpace = false
            while out.last == " " { out.removeLast() }
            out.append("\n")
        }
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let tag = Tag(html, at: index) {
                index = tag.end
                if let skip = skippedUntil(tag, in: html, from: index) {
                    index = skip
                    continue
                }
                if tag.name == "pre" { preformatted += tag.closing ? -1 : 1 }
                if tag.name == "br" {
                    newline()
                } else if paragraphElements.contains(tag.name) {
                    if !out.isEmpty, out.last != "\n" { newline() }
                    if !out.isEmpty, !out.hasSuffix("\n\n") { newline() }
                } else if blockElements.contains(tag.name) {
                    if !out.isEmpty, out.last != "\n" { newline() }
                } else if tag.name == "td" || tag.name == "th", !tag.closing {
                    pendingSpace = true
                }
                continue
            }
            var piece = ""
            if character == "&" {
                let (decoded, next) = entity(in: html, at: index)
                piece = decoded
                index = next
            } else {
                piece = String(character)
                index = html.index(after: index)
            }
            for scalarCharacter in piece {
                if preformatted > 0 {
                    out.append(scalarCharacter == "\u{A0}" ? " " : scalarCharacter)
                } else if scalarCharacter.isWhitespace && scalarCharacter != "\u{A0}" {
                    pendingSpace = true
                } else {
                    if pendingSpace, let last = out.last, last != "\n", last != " " { out.append(" ") }
                    pendingSpace = false
                    out.append(scalarCharacter == "\u{A0}" ? " " : scalarCharacter)
                }
            }
        }
        return tidy(out)
    }

    /// Elements that start and end on a line of their own.
    private static let blockElements: Set<String> = [
        "div", "tr", "li", "hr", "pre", "section", "article", "header", "footer", "dl", "dt", "dd", "address",
        "center", "body", "html",
    ]

    /// Elements set off by an empty line.
    private static let paragraphElements: Set<String> = [
        "p", "ul", "ol", "table", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
    ]

    /// For an opening `<style>`, `<script>`, `<head>`, `<title>` or a comment: where reading resumes.
    private static func skippedUntil(_ tag: Tag, in html: String, from index: String.Index) -> String.Index? {
        if tag.name == "!--" {
            return html[index...].range(of: "-->").map(\.upperBound) ?? html.endIndex
        }
        guard !tag.closing, ["style", "script", "head", "title"].contains(tag.name) else { return nil }
        var search = index
        while let close = html[search...].range(of: "</", options: .caseInsensitive) {
            if let end = Tag(html, at: close.lowerBound), end.closing, end.name == tag.name { return end.end }
            search = close.upperBound
        }
        return html.endIndex
    }

    /// A tag's lower-cased name and whether it closes; nil when `<` does not start a tag (`a < b`).
    private struct Tag {
        var name: String
        var closing: Bool
        var end: String.Index

        init?(_ html: String, at start: String.Index) {
            var index = html.index(after: start)
            if html[index...].hasPrefix("!--") {
                (name, closing, end) = ("!--", false, html.index(index, offsetBy: 3))
                return
            }
            closing = index < html.endIndex && html[index] == "/"
            if closing { index = html.index(after: index) }
            let nameStart = index
            while index < html.endIndex, html[index].isLetter || html[index].isNumber || html[index] == "!" {
                index = html.index(after: index)
            }
            guard index > nameStart, let close = html[index...].firstIndex(of: ">") else { return nil }
            name = html[nameStart..<index].lowercased()
            end = html.index(after: close)
        }
    }

    /// A character reference at `start` (on its `&`) and the index after it; an unknown one is kept as written.
    private static func entity(in html: String, at start: String.Index) -> (String, String.Index) {
        let after = html.index(after: start)
        guard let semicolon = html[after...].prefix(12).firstIndex(of: ";") else { return ("&", after) }
        let name = html[after..<semicolon]
        let next = html.index(after: semicolon)
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value =
                digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            if let value, let scalar = Unicode.Scalar(value) { return (String(Character(scalar)), next) }
            return ("&", after)
        }
        if let known = entities[String(name)] { return (known, next) }
        return ("&", after)
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ensp": " ", "emsp": " ",
        "thinsp": " ", "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "middot": "·",
        "bull": "•", "yen": "¥", "euro": "€", "pound": "£", "times": "×", "divide": "÷", "deg": "°",
    ]

    /// Trailing blanks off each line, at most one empty line in a row, none at either end.
    private static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var trimmed = line
            while let last = trimmed.last, last == " " { trimmed.removeLast() }
            while let first = trimmed.first, first == " " { trimmed.removeFirst() }
            if trimmed.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(trimmed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
