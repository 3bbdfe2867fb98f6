/// A file that came with a message, as the conversation lists it: its name, type and size in decoded bytes. An
/// attachment over the size limit (a setting) is listed but its bytes were not kept (`stored` false).
public struct MessageAttachment: Codable, Sendable, Equatable {
    public var filename: String?
    public var contentType: String
    public var size: Int
    public var stored: Bool

    public init(filename: String?, contentType: String, size: Int, stored: Bool) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.stored = stored
    }

    enum CodingKeys: String, CodingKey {
        case filename
        case contentType = "content_type"
        case size, stored
    }

    /// `filename` is written as null when the part had none.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(filename, forKey: .filename)
        try c.encode(contentType, forKey: .contentType)
        try c.encode(size, forKey: .size)
        try c.encode(stored, forKey: .stored)
    }
}
