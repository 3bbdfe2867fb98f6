import FluentKit

/// SLA policies (issue 11 §2): the dimensions they match (JSON arrays, null for any) and their targets
/// in business minutes.
struct CreateSLAPolicies: AsyncMigration {
    var name: String { "018_CreateSLAPolicies" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sla_policies")
            .id()
            .field("name", .string, .required)
            .field("tiers", .string)
            .field("priorities", .string)
            .field("types", .string)
            .field("first_response_minutes", .int64, .required)
            .field("next_reply_minutes", .int64)
            .field("resolution_minutes", .int64, .required)
            .field("raise_priority_on_breach", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sla_policies").delete()
    }
}
