public import Foundation

/// Whether customers may read an article: drafts are for staff only and never leave the API or the staff pages.
public enum KBArticleStatus: String, Codable, Sendable, CaseIterable {
    case draft
    case published
}

/// A knowledge-base article (004: an FAQ customers search themselves), written in Chinese, English or both.
public struct KBArticle: Codable, Sendable, Equatable, Identifiable {
    public var id: UUID
    public var content: KBArticleContent
    public var authorID: UUID?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, content: KBArticleContent, authorID: UUID?, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.content = content
        self.authorID = authorID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id
        case authorID = "author_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// The content's keys beside the article's own, `author_id` written as `null` when the author is gone.
    public func encode(to encoder: any Encoder) throws {
        try content.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(authorID, forKey: .authorID)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(UUID.self, forKey: .id), content: try KBArticleContent(from: decoder),
            authorID: try c.decodeIfPresent(UUID.self, forKey: .authorID),
            createdAt: try c.decode(Date.self, forKey: .createdAt),
            updatedAt: try c.decode(Date.self, forKey: .updatedAt))
    }
}
