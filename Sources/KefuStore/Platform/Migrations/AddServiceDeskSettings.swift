import FluentKit

/// The service desk's settings (`ServiceDeskSettings`) as one JSON column of the settings row; null
/// reads as the defaults, so existing databases need no data change.
struct AddServiceDeskSettings: AsyncMigration {
    var name: String { "008_AddServiceDeskSettings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("settings").field("service_desk", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("settings").deleteField("service_desk").update()
    }
}
