import FluentKit
import SQLKit

/// The email channel's storage (issue 16): on each ticket message the channel it came by, the mail headers
/// threading looks up (`message_id` indexed, `mail_references` space-separated), the sender's address, the
/// mailbox an incoming mail arrived at and the state of outgoing mail; the raw original in `mail_originals`, apart, so message lists stay light; the
/// attachments (`bytes` null when the attachment was over the size limit and only listed); and the mailboxes.
struct CreateMailStore: AsyncMigration {
    var name: String { "036_CreateMailStore" }

    static let messageColumns = ["channel", "mail_references", "from_address", "mail_status", "mail_error"]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        for column in Self.messageColumns {
            try await database.schema("ticket_messages").field(.string(column), .string).update()
        }
        try await database.schema("ticket_messages").field("mailbox_id", .uuid).update()
        try await database.schema("mail_originals")
            .field(
                "message_id", .uuid, .identifier(auto: false),
                .references("ticket_messages", "id", onDelete: .cascade)
            )
            .field("raw", .data, .required)
            .create()
        try await database.schema("message_attachments")
            .field("message_id", .uuid, .required, .references("ticket_messages", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("filename", .string)
            .field("content_type", .string, .required)
            .field("size", .int64, .required)
            .field("bytes", .data)
            .compositeIdentifier(over: "message_id", "position")
            .create()
        try await database.schema("mailboxes")
            .id()
            .field("address", .string, .required)
            .field("display_name", .string, .required)
            .field("ingest_name", .string, .required)
            .field("team_id", .uuid, .references("teams", "id", onDelete: .setNull))
            .field("branch_id", .uuid, .references("branches", "id", onDelete: .setNull))
            .field("signature", .string, .required)
            .field("language", .string, .required)
            .field("acknowledgements", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "address")
            .unique(on: "ingest_name")
            .create()
        try await database.sql.raw("CREATE INDEX ticket_messages_message_id_idx ON ticket_messages (message_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP INDEX ticket_messages_message_id_idx").run()
        for table in ["mailboxes", "message_attachments", "mail_originals"] {
            try await database.schema(table).delete()
        }
        try await database.schema("ticket_messages").deleteField("mailbox_id").update()
        for column in Self.messageColumns.reversed() {
            try await database.schema("ticket_messages").deleteField(.string(column)).update()
        }
    }
}
