import FluentKit
import SQLKit

/// The knowledge base (articles in Chinese and English, draft or published, with a free-text category and
/// `search_text`: their titles and bodies lower-cased, for substring search) and the canned replies agents
/// insert from the reply box.
struct CreateKnowledgeBase: AsyncMigration {
    var name: String { "012_CreateKnowledgeBase" }

    func prepare(on database: any Database) async throws {
        try await database.schema("kb_articles")
            .id()
            .field("category", .string, .required)
            .field("title_zh", .string, .required)
            .field("body_zh", .string, .required)
            .field("title_en", .string, .required)
            .field("body_en", .string, .required)
            .field("status", .string, .required)
            .field("author_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("search_text", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("canned_replies")
            .id()
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("created_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        let indexes = [
            ("kb_articles_updated_idx", "kb_articles", "updated_at, id"),
            ("kb_articles_status_idx", "kb_articles", "status, category, updated_at"),
            ("canned_replies_title_idx", "canned_replies", "title, id"),
        ]
        for (index, table, columns) in indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index) ON \(unsafeRaw: table) (\(unsafeRaw: columns))").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("canned_replies").delete()
        try await database.schema("kb_articles").delete()
    }
}
