import FluentKit
import SQLKit

/// Customers and everything hanging off them. The full profile is one JSON column; the columns
/// that lists filter and sort on are copied out and indexed.
struct CreateCustomerTables: AsyncMigration {
    var name: String { "002_CreateCustomerTables" }

    func prepare(on database: any Database) async throws {
        try await database.schema("customers")
            .id()
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("tier", .string, .required)
            .field("stage", .string, .required)
            .field("branch_id", .uuid, .references("branches", "id", onDelete: .setNull))
            .field("internal", .bool, .required)
            .field("profile", .string, .required)
            .field("search_text", .string, .required)
            .field("merged_into", .uuid)
            .field("deleted_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("customer_identities")
            .field("value", .string, .identifier(auto: false))
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .create()
        try await database.schema("customer_tags")
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("tag_key", .string, .required)
            .compositeIdentifier(over: "customer_id", "tag_key")
            .create()
        try await database.schema("key_contacts")
            .id()
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("profile", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("notes")
            .id()
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("author_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("timeline_events")
            .id()
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("summary", .string, .required)
            .field("data", .string, .required)
            .field("actor_id", .uuid)
            .field("occurred_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        let indexes = [
            ("customers_name_idx", "customers", "name_key, id"),
            ("customers_created_idx", "customers", "created_at, id"),
            ("customers_updated_idx", "customers", "updated_at, id"),
            ("customers_tier_idx", "customers", "tier"),
            ("customers_branch_idx", "customers", "branch_id"),
            ("customer_identities_customer_idx", "customer_identities", "customer_id"),
            ("customer_tags_tag_idx", "customer_tags", "tag_key, customer_id"),
            ("key_contacts_customer_idx", "key_contacts", "customer_id"),
            ("notes_customer_idx", "notes", "customer_id, created_at"),
            ("timeline_customer_idx", "timeline_events", "customer_id, occurred_at"),
            ("audit_time_idx", "audit_log", "occurred_at"),
        ]
        for (index, table, columns) in indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index) ON \(unsafeRaw: table) (\(unsafeRaw: columns))").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["timeline_events", "notes", "key_contacts", "customer_tags", "customer_identities", "customers"] {
            try await database.schema(table).delete()
        }
    }
}
