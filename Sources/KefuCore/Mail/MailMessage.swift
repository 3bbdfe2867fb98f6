public import Foundation

/// An incoming mail message decoded for the service desk: who sent it, the threading ids, the
/// decoded subject, the text body (full and with the quoted history cut) and the attachments.
///
/// Built from the raw bytes an MTA pipes in or IMAP fetches; the raw bytes themselves are kept by the
/// store (the "original" link), not here.
public struct MailMessage: Sendable, Equatable {
    public var headers: MailHeaders
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var replyTo: [MailAddress]
    /// Every `Delivered-To` field (an MTA adds one per delivery hop): the mailbox the message reached,
    /// the default own address for loop detection.
    public var deliveredTo: [MailAddress]
    /// Decoded, unfolded and trimmed; empty when absent.
    public var subject: String
    public var date: Date?
    /// As in the header, with `<>`; nil when absent.
    public var messageID: String?
    public var inReplyTo: [String]
    public var references: [String]
    /// The top-level `type/subtype`, lower-cased (`multipart/report` for a bounce).
    public var contentType: String
    /// The whole text body, line ends as `\n`.
    public var text: String
    /// `text` without the quoted history of earlier messages (see `QuotedHistory`).
    public var reply: String
    public var attachments: [MailAttachment]

    /// Parses a message; throws for input that is not one (see `MailParseError`).
    public init(parsing bytes: [UInt8]) throws(MailParseError) {
        var start = 0
        while start < bytes.count, bytes[start] == 0x0D || bytes[start] == 0x0A || bytes[start] == 0x20 {
            start += 1
        }
        guard start < bytes.count else { throw .empty }
        // An mbox "From " line, as `.forward` and procmail hand it over.
        if bytes[start...].starts(with: Array("From ".utf8)) {
            start = (bytes[start...].firstIndex(of: 0x0A) ?? bytes.count - 1) + 1
        }
        let entity = bytes[start...]
        guard let headers = MailHeaders.parse(MailBytes.splitEntity(entity).header) else { throw .notAMessage }
        let from =
            (headers["From"].map(MailAddress.list) ?? []).first ?? (headers["Sender"].map(MailAddress.list) ?? []).first
        guard let from else { throw .noSender }
        self.headers = headers
        self.from = from
        to = headers.all("To").flatMap(MailAddress.list)
        cc = headers.all("Cc").flatMap(MailAddress.list)
        replyTo = headers.all("Reply-To").flatMap(MailAddress.list)
        deliveredTo = headers.all("Delivered-To").flatMap(MailAddress.list)
        // A line break encoded inside a word is not part of a one-line subject.
        subject = EncodedWords.decode(headers["Subject"] ?? "").split(whereSeparator: \.isNewline)
            .joined(separator: " ").trimmingWhitespace()
        date = headers["Date"].flatMap(MailDate.parse)
        messageID = headers["Message-ID"].flatMap { MessageID.list($0).first }
        inReplyTo = headers.all("In-Reply-To").flatMap(MessageID.list)
        references = headers.all("References").flatMap(MessageID.list)
        let root = MIMEPart(entity: entity, headers: headers)
        // As declared, even when a multipart without parts was read as one opaque file.
        let declared = headers["Content-Type"].map { MIMEHeaderValue($0).value }
        contentType = declared.flatMap { $0.contains("/") ? $0 : nil } ?? root.mimeType
        let content = MailContent(root)
        text = content.text
        reply = QuotedHistory.cut(content.text)
        attachments = content.attachments
    }

    public init(parsing data: Data) throws(MailParseError) {
        try self.init(parsing: [UInt8](data))
    }
}
