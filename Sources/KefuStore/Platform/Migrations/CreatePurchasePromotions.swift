import FluentKit
import SQLKit

/// The promotions each purchase used and the discount each gave (issue 15 §4), written with the purchase; the
/// promotion effectiveness report reads them by promotion. A promotion is named by its id (`promotions.code`), kept
/// when the promotion is deleted so past redemptions still count.
struct CreatePurchasePromotions: AsyncMigration {
    var name: String { "033_CreatePurchasePromotions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("purchase_promotions")
            .field("purchase_id", .uuid, .required, .references("purchases", "id", onDelete: .cascade))
            .field("promotion_code", .string, .required)
            .field("discount", .int64, .required)
            .compositeIdentifier(over: "purchase_id", "promotion_code")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX purchase_promotions_code_idx ON purchase_promotions (promotion_code)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("purchase_promotions").delete()
    }
}
