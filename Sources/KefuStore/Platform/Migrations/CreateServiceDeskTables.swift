import FluentKit
import SQLKit

/// Tickets and what hangs off them (issue 10, first slice): the per-business number sequence,
/// teams, agent availability, tickets, their tags (as written in `tickets.tags`, lower-cased in
/// `ticket_tags` for the filter), messages, transfers and links, and the complaint protocol: the
/// root-cause taxonomy (categories and causes), the recorded steps, the ABC remedy ladders and the
/// remedies asked for. SLA due times
/// and pauses will be columns and rows of their own on `tickets.id`.
struct CreateServiceDeskTables: AsyncMigration {
    var name: String { "007_CreateServiceDeskTables" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sequences")
            .field("name", .string, .identifier(auto: false))
            .field("value", .int64, .required)
            .create()
        try await database.schema("teams")
            .id()
            .field("name", .string, .required)
            .field("round_robin_position", .int64, .required, .sql(.default(0)))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("team_members")
            .field("team_id", .uuid, .required, .references("teams", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .compositeIdentifier(over: "team_id", "user_id")
            .create()
        try await database.schema("users")
            .field("available", .bool, .required, .sql(.default(true)))
            .update()
        try await database.schema("tickets")
            .id()
            .field("number", .int64, .required)
            .field("type", .string, .required)
            .field("channel", .string, .required)
            .field("subject", .string, .required)
            .field("description", .string, .required)
            .field("priority", .string, .required)
            .field("status", .string, .required)
            .field("customer_id", .uuid, .required, .references("customers", "id"))
            .field("branch_id", .uuid, .references("branches", "id", onDelete: .setNull))
            .field("team_id", .uuid, .references("teams", "id", onDelete: .setNull))
            .field("owner_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("assignee_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("received_at", .datetime, .required)
            .field("first_response_at", .datetime)
            .field("resolved_at", .datetime)
            .field("closed_at", .datetime)
            .field("merged_into", .uuid)
            .field("tags", .string, .required)
            .field("search_text", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "number")
            .create()
        try await database.schema("ticket_tags")
            .field("ticket_id", .uuid, .required, .references("tickets", "id", onDelete: .cascade))
            .field("tag_key", .string, .required)
            .compositeIdentifier(over: "ticket_id", "tag_key")
            .create()
        try await database.schema("ticket_messages")
            .id()
            .field("ticket_id", .uuid, .required, .references("tickets", "id", onDelete: .cascade))
            .field("author_kind", .string, .required)
            .field("author_id", .uuid)
            .field("internal", .bool, .required)
            .field("body", .string, .required)
            .field("message_id", .string)
            .field("in_reply_to", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("ticket_transfers")
            .id()
            .field("ticket_id", .uuid, .required, .references("tickets", "id", onDelete: .cascade))
            .field("by_id", .uuid)
            .field("from_id", .uuid)
            .field("to_id", .uuid)
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("ticket_links")
            .field("ticket_id", .uuid, .required, .references("tickets", "id", onDelete: .cascade))
            .field("other_id", .uuid, .required, .references("tickets", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("created_at", .datetime, .required)
            .compositeIdentifier(over: "ticket_id", "other_id")
            .create()
        try await database.schema("complaint_categories")
            .id()
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
        try await database.schema("complaint_causes")
            .id()
            .field("category_id", .uuid, .required, .references("complaint_categories", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("name_en", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "category_id", "name")
            .create()
        try await database.schema("complaint_steps")
            .field("ticket_id", .uuid, .required, .references("tickets", "id", onDelete: .cascade))
            .field("step", .string, .required)
            .field("by_id", .uuid, .required)
            .field("recorded_at", .datetime, .required)
            .field("note", .string, .required)
            .field("cause_id", .uuid, .references("complaint_causes", "id"))
            .field("listened_seconds", .int64)
            .compositeIdentifier(over: "ticket_id", "step")
            .create()
        try await database.schema("remedy_ladders")
            .field("category_id", .uuid, .required, .references("complaint_categories", "id", onDelete: .cascade))
            .field("plan", .string, .required)
            .field("text", .string, .required)
            .field("compensation", .int64)
            .compositeIdentifier(over: "category_id", "plan")
            .create()
        try await database.schema("remedies")
            .id()
            .field("ticket_id", .uuid, .required, .references("tickets", "id", onDelete: .cascade))
            .field("plan", .string, .required)
            .field("status", .string, .required)
            .field("requested_by_id", .uuid, .required)
            .field("note", .string)
            .field("text", .string)
            .field("compensation", .int64)
            .field("requested_at", .datetime, .required)
            .field("decided_by_id", .uuid)
            .field("decision_note", .string)
            .field("decided_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        let indexes = [
            ("tickets_created_idx", "tickets", "created_at, id"),
            ("tickets_updated_idx", "tickets", "updated_at, id"),
            ("tickets_customer_idx", "tickets", "customer_id, created_at"),
            ("tickets_assignee_idx", "tickets", "assignee_id, status"),
            ("tickets_owner_idx", "tickets", "owner_id, status"),
            ("tickets_status_idx", "tickets", "status, updated_at"),
            ("ticket_tags_tag_idx", "ticket_tags", "tag_key, ticket_id"),
            ("ticket_messages_ticket_idx", "ticket_messages", "ticket_id, created_at"),
            ("ticket_transfers_ticket_idx", "ticket_transfers", "ticket_id, created_at"),
            ("team_members_user_idx", "team_members", "user_id"),
            ("remedies_status_idx", "remedies", "status, requested_at"),
            ("remedies_ticket_idx", "remedies", "ticket_id"),
        ]
        for (index, table, columns) in indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index) ON \(unsafeRaw: table) (\(unsafeRaw: columns))").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in [
            "remedies", "remedy_ladders", "complaint_steps", "complaint_causes", "complaint_categories", "ticket_links",
            "ticket_transfers",
            "ticket_messages", "ticket_tags", "tickets", "team_members", "teams",
            "sequences",
        ] {
            try await database.schema(table).delete()
        }
        try await database.schema("users").deleteField("available").update()
    }
}
