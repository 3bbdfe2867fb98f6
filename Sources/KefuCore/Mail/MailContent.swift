/// What a MIME tree amounts to for a ticket: one text body and a list of attachments.
///
/// - multipart/alternative: the body comes from the text/plain alternative, else the HTML one turned
///   into text (a multipart alternative, such as related HTML with its images, is searched the same
///   way); the other text alternatives are the same words and are not attachments, but files inside
///   any alternative are.
/// - multipart/related: the root (first) part is the body, the rest (inline images) are attachments.
/// - multipart/mixed, report and any other multipart: inline text parts join the body in order;
///   everything else is an attachment.
/// - A text part marked `Content-Disposition: attachment` or carrying a file name is an attachment.
struct MailContent {
    var text = ""
    var attachments: [MailAttachment] = []

    init(_ root: MIMEPart) {
        var texts: [String] = []
        collect(root, into: &texts)
        text = texts.filter { !$0.isBlank }.joined(separator: "\n\n")
    }

    private mutating func collect(_ part: MIMEPart, into texts: inout [String]) {
        guard part.isMultipart else {
            if Self.isInlineText(part) {
                texts.append(Self.bodyText(part))
            } else {
                attachments.append(Self.attachment(part))
            }
            return
        }
        switch part.mimeType {
        case "multipart/alternative":
            let chosen = Self.preferredAlternative(part.children)
            for (index, child) in part.children.enumerated() {
                if index == chosen {
                    collect(child, into: &texts)
                } else {
                    collectFiles(child)
                }
            }
        case "multipart/related":
            for (index, child) in part.children.enumerated() {
                if index == 0 { collect(child, into: &texts) } else { collectFiles(child) }
            }
        default:
            for child in part.children { collect(child, into: &texts) }
        }
    }

    /// Attachments of a branch whose text is not used (text/plain and text/html parts are skipped).
    private mutating func collectFiles(_ part: MIMEPart) {
        if part.isMultipart {
            for child in part.children { collectFiles(child) }
        } else if !Self.isInlineText(part) {
            attachments.append(Self.attachment(part))
        }
    }

    /// text/plain first (unless it is blank, as some mailers send it beside the real HTML), then
    /// text/html, then a multipart holding either; the last such alternative wins within a kind
    /// (RFC 2046 §5.1.4 orders them plainest first).
    private static func preferredAlternative(_ children: [MIMEPart]) -> Int? {
        children.lastIndex { $0.mimeType == "text/plain" && isInlineText($0) && !bodyText($0).isBlank }
            ?? children.lastIndex { $0.mimeType == "text/html" && isInlineText($0) }
            ?? children.firstIndex { $0.isMultipart }
            ?? (children.isEmpty ? nil : 0)
    }

    /// Whether the part is body text: text/plain or text/html, neither marked as an attachment nor named.
    static func isInlineText(_ part: MIMEPart) -> Bool {
        guard part.mimeType == "text/plain" || part.mimeType == "text/html" else { return false }
        let disposition = part.headers["Content-Disposition"].map(MIMEHeaderValue.init)
        return disposition?.value != "attachment" && filename(part, disposition: disposition) == nil
    }

    /// The text of an inline text part, HTML turned into text, line ends as `\n`.
    static func bodyText(_ part: MIMEPart) -> String {
        var text = MailCharset.decode(part.body, label: part.charset)
        text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if part.mimeType == "text/html" { return HTMLText.text(text) }
        if part.contentType.parameters["format"]?.lowercased() == "flowed" {
            text = unflowed(text, deleteSpace: part.contentType.parameters["delsp"]?.lowercased() == "yes")
        }
        return text.trimmingWhitespace()
    }

    static func attachment(_ part: MIMEPart) -> MailAttachment {
        let disposition = part.headers["Content-Disposition"].map(MIMEHeaderValue.init)
        var contentID = part.headers["Content-ID"]?.trimmingWhitespace()
        if let id = contentID, id.hasPrefix("<"), id.hasSuffix(">") { contentID = String(id.dropFirst().dropLast()) }
        return MailAttachment(
            filename: filename(part, disposition: disposition), contentType: part.mimeType, data: part.body,
            contentID: contentID)
    }

    /// Disposition `filename`, else Content-Type `name`; RFC 2231 is decoded by `MIMEHeaderValue`,
    /// RFC 2047 words (which Outlook, Foxmail and QQ Mail put there against the rules) here.
    private static func filename(_ part: MIMEPart, disposition: MIMEHeaderValue?) -> String? {
        let raw = disposition?.parameters["filename"] ?? part.contentType.parameters["name"]
        return raw.map { EncodedWords.decode($0).trimmingWhitespace() }?.nilIfEmpty
    }

    /// RFC 3676 format=flowed: a line ending in a space continues on the next (the signature
    /// separator `-- ` excepted); space-stuffing is undone.
    private static func unflowed(_ text: String, deleteSpace: Bool) -> String {
        var out = ""
        var continuing = false
        for var line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(" ") { line = line.dropFirst() }
            if continuing, !out.isEmpty { out.removeLast() }  // the "\n" after a soft break
            let soft = line.hasSuffix(" ") && line != "-- "
            if soft, deleteSpace { line = line.dropLast() }
            out += line + "\n"
            continuing = soft
        }
        return String(out.dropLast())
    }
}
