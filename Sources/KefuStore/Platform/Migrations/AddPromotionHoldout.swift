import FluentKit

/// A promotion's random holdout group (issue 15 §4): the percentage (0–50) of customers never offered it, against
/// whom the effectiveness report measures its incremental revenue. Stored beside `active`, outside the definition.
struct AddPromotionHoldout: AsyncMigration {
    var name: String { "034_AddPromotionHoldout" }

    func prepare(on database: any Database) async throws {
        try await database.schema("promotions").field("holdout_percent", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("promotions").deleteField("holdout_percent").update()
    }
}
