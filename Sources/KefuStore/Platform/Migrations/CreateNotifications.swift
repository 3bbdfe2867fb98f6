import FluentKit
import SQLKit

/// Staff notifications (DESIGN.md "Notifications"): one in-app list per user, written in the transaction of the
/// change that caused each. The partial index keeps the header's unread count one short index read.
struct CreateNotifications: AsyncMigration {
    var name: String { "009_CreateNotifications" }

    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("link", .string, .required)
            .field("params", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX notifications_user_idx ON notifications (user_id, created_at, id)").run()
        try await sql.raw(
            "CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at, id) WHERE read_at IS NULL"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notifications").delete()
    }
}
