/// A file that came with a message: anything in its MIME tree that is not the text body.
public struct MailAttachment: Sendable, Equatable {
    /// From RFC 2231 `filename*`, `filename`, RFC 2047 words in either, or the `name` of the
    /// Content-Type; nil when the sender gave none.
    public var filename: String?
    /// `type/subtype`, lower-cased.
    public var contentType: String
    /// The decoded content (transfer encoding undone).
    public var data: [UInt8]
    /// `Content-ID` without its angle brackets, for images an HTML body shows inline.
    public var contentID: String?

    public init(filename: String?, contentType: String, data: [UInt8], contentID: String? = nil) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
        self.contentID = contentID
    }

    /// Size in decoded bytes, as the ticket lists it.
    public var size: Int { data.count }
}
