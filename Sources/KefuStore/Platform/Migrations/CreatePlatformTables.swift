import FluentKit

/// Settings, branches, users, tokens and the audit log.
struct CreatePlatformTables: AsyncMigration {
    var name: String { "001_CreatePlatformTables" }

    func prepare(on database: any Database) async throws {
        try await database.schema("settings")
            .field("id", .int, .identifier(auto: false))
            .field("business_name", .string, .required)
            .field("time_zone", .string, .required)
            .field("currency", .string, .required)
            .field("phone_region", .string, .required)
            .field("tiers", .string, .required)
            .field("custom_fields", .string, .required)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("branches")
            .id()
            .field("name", .string, .required)
            .field("address", .string)
            .field("time_zone", .string, .required)
            .field("business_hours", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name")
            .create()
        try await database.schema("users")
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("password_hash", .string, .required)
            .field("active", .bool, .required)
            .field("locale", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema("auth_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("kind", .string, .required)
            .field("csrf_token", .string)
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema("audit_log")
            .id()
            .field("actor_id", .uuid)
            .field("actor_email", .string)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string)
            .field("changes", .string, .required)
            .field("request_id", .string)
            .field("occurred_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["audit_log", "auth_tokens", "users", "branches", "settings"] {
            try await database.schema(table).delete()
        }
    }
}
