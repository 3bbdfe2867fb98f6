/// One entity of a MIME tree (RFC 2045/2046): its header, its content type and, for a multipart, its
/// children; for a leaf, its body with the transfer encoding undone.
struct MIMEPart: Sendable {
    var headers: MailHeaders
    var contentType: MIMEHeaderValue
    /// Decoded bytes of a leaf; empty for a multipart.
    var body: [UInt8]
    var children: [MIMEPart]

    /// Multiparts nested deeper than this are kept as opaque leaves, so a hostile message cannot
    /// exhaust the stack.
    static let maximumDepth = 32

    /// `type/subtype`, lower-cased; `text/plain` when the part says nothing (RFC 2045 §5.2), or
    /// `message/rfc822` as the default of a `multipart/digest` child.
    var mimeType: String { contentType.value }

    var isMultipart: Bool { mimeType.hasPrefix("multipart/") }

    var charset: String? { contentType.parameters["charset"] }

    /// Parses an entity; `headers` is given for the top-level message, whose header is already read.
    init(
        entity: ArraySlice<UInt8>, headers known: MailHeaders? = nil, defaultType: String = "text/plain", depth: Int = 0
    ) {
        let (section, body) = MailBytes.splitEntity(entity)
        headers = known ?? MailHeaders.parse(section) ?? MailHeaders()
        let declared = headers["Content-Type"].map(MIMEHeaderValue.init)
        contentType =
            declared.flatMap { $0.value.contains("/") ? $0 : nil } ?? MIMEHeaderValue(defaultType)
        children = []
        self.body = []
        if isMultipart, depth < Self.maximumDepth, let boundary = contentType.parameters["boundary"], !boundary.isEmpty
        {
            let childType = mimeType == "multipart/digest" ? "message/rfc822" : "text/plain"
            children = Self.split(body, boundary: Array(boundary.utf8)).map {
                MIMEPart(entity: $0, defaultType: childType, depth: depth + 1)
            }
            if !children.isEmpty { return }
        }
        if isMultipart { contentType = MIMEHeaderValue("application/octet-stream") }
        self.body = TransferEncoding.decode(body, encoding: headers["Content-Transfer-Encoding"])
    }

    /// The bodies between `--boundary` lines, without the line end that belongs to each delimiter;
    /// the preamble and epilogue are dropped, and a missing closing delimiter ends the last part at
    /// the end of the bytes.
    private static func split(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> [ArraySlice<UInt8>] {
        let dash = UInt8(ascii: "-")
        let delimiter = [dash, dash] + boundary
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var lineStart = body.startIndex
        while lineStart < body.endIndex {
            let feed = body[lineStart...].firstIndex(of: 0x0A) ?? body.endIndex
            let line = body[lineStart..<feed]
            if line.starts(with: delimiter) {
                var rest = line.dropFirst(delimiter.count)
                while let last = rest.last, last == 0x20 || last == 0x09 || last == 0x0D { rest.removeLast() }
                let closing = rest.elementsEqual([dash, dash])
                if rest.isEmpty || closing {
                    if let start = partStart {
                        var end = lineStart
                        if end > start, body[end - 1] == 0x0A { end -= 1 }
                        if end > start, body[end - 1] == 0x0D { end -= 1 }
                        parts.append(body[start..<end])
                    }
                    if closing { return parts }
                    partStart = min(feed + 1, body.endIndex)
                }
            }
            lineStart = feed + 1
        }
        if let start = partStart { parts.append(body[start...]) }
        return parts
    }
}
