public import Foundation

/// A mail Kefu sends (an agent's reply), rendered to the raw bytes an SMTP server takes: ASCII
/// headers folded to 78 columns with RFC 2047 words where needed, a multipart/alternative body of a
/// UTF-8 text part and a simple HTML part, both base64, CRLF line ends.
///
/// Everything that varies is passed in (the date, the unique part of the id), so rendering is
/// deterministic and the store can keep the `Message-ID` it generated.
public struct OutgoingMail: Sendable, Equatable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    /// `<unique@domain>`, from `MessageID.make`.
    public var messageID: String
    public var inReplyTo: String?
    public var references: [String]
    public var date: Date
    /// The zone the `Date` header is written in, minutes east of UTC.
    public var utcOffsetMinutes: Int
    /// The body as plain text; the HTML part is made from it.
    public var text: String
    /// More header fields, written after the threading ones (e.g. `Auto-Submitted: auto-replied` on an
    /// acknowledgement, RFC 3834).
    public var extraHeaders: [HeaderField]

    /// One header field; its value is written as unstructured text (RFC 2047 words where needed).
    public struct HeaderField: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(
        from: MailAddress, to: [MailAddress], subject: String, messageID: String, inReplyTo: String? = nil,
        references: [String] = [], date: Date, utcOffsetMinutes: Int = 0, text: String,
        extraHeaders: [HeaderField] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.date = date
        self.utcOffsetMinutes = utcOffsetMinutes
        self.text = text
        self.extraHeaders = extraHeaders
    }

    /// The most `References` ids written: the thread's first and its latest, which is what threading
    /// needs, without a header that grows with every answer.
    static let maximumReferences = 20

    /// A reply to the customer's last message: `In-Reply-To` is its id, `References` its references
    /// (or its `In-Reply-To` when it had none) followed by its id (RFC 5322 §3.6.4).
    public static func reply(
        to message: (messageID: String?, inReplyTo: [String], references: [String]), from: MailAddress,
        recipient: MailAddress, subject: String, messageID: String, date: Date, utcOffsetMinutes: Int = 0, text: String
    ) -> OutgoingMail {
        var references = message.references.isEmpty ? Array(message.inReplyTo.prefix(1)) : message.references
        if let parent = message.messageID { references.append(parent) }
        if references.count > maximumReferences {
            references = [references[0]] + references.suffix(maximumReferences - 1)
        }
        return OutgoingMail(
            from: from, to: [recipient], subject: subject, messageID: messageID, inReplyTo: message.messageID,
            references: references, date: date, utcOffsetMinutes: utcOffsetMinutes, text: text)
    }

    /// The message as bytes for SMTP `DATA` (before dot-stuffing, which is the transport's).
    public func rendered() -> [UInt8] {
        let boundary = "=_kefu_" + Array(messageID.utf8).lowercaseHex.prefix(40)
        var head = HeaderWriter.field("Date", tokens: [MailDate.format(date, utcOffsetMinutes: utcOffsetMinutes)])
        head += HeaderWriter.field("From", tokens: HeaderWriter.mailboxTokens(from, name: "From"))
        head += HeaderWriter.field(
            "To",
            tokens: to.enumerated().flatMap { index, address in
                HeaderWriter.mailboxTokens(address, name: "To", suffix: index < to.count - 1 ? "," : "")
            })
        head += HeaderWriter.field("Subject", tokens: HeaderWriter.unstructuredTokens(subject, name: "Subject"))
        head += HeaderWriter.field("Message-ID", tokens: [messageID])
        if let inReplyTo { head += HeaderWriter.field("In-Reply-To", tokens: [inReplyTo]) }
        if !references.isEmpty { head += HeaderWriter.field("References", tokens: references) }
        for field in extraHeaders {
            let tokens = HeaderWriter.unstructuredTokens(field.value, name: field.name)
            head += HeaderWriter.field(field.name, tokens: tokens)
        }
        head += HeaderWriter.field("MIME-Version", tokens: ["1.0"])
        head += HeaderWriter.field("Content-Type", tokens: ["multipart/alternative;", "boundary=\"\(boundary)\""])
        var bytes = Array(head.utf8) + [0x0D, 0x0A]
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        for (type, content) in [("text/plain", lines.joined(separator: "\r\n")), ("text/html", html(lines))] {
            bytes += Array("--\(boundary)\r\n".utf8)
            bytes += Array(HeaderWriter.field("Content-Type", tokens: [type + ";", "charset=UTF-8"]).utf8)
            bytes += Array(HeaderWriter.field("Content-Transfer-Encoding", tokens: ["base64"]).utf8)
            bytes += [0x0D, 0x0A] + TransferEncoding.encodeBase64Lines(Array(content.utf8))
        }
        bytes += Array("--\(boundary)--\r\n".utf8)
        return bytes
    }

    /// Paragraphs at empty lines, `<br>` at single line breaks, everything escaped.
    private func html(_ lines: [Substring]) -> String {
        let paragraphs = lines.split(whereSeparator: \.isBlank).map { paragraph in
            "<p>" + paragraph.map { SVGChart.escape(String($0)) }.joined(separator: "<br>\r\n") + "</p>"
        }
        return "<!DOCTYPE html>\r\n<html><head><meta charset=\"utf-8\"></head><body>\r\n"
            + paragraphs.joined(separator: "\r\n") + "\r\n</body></html>\r\n"
    }
}
