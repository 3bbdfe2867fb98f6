import FluentKit
import SQLKit

/// Purchases and refunds (issue 12 §1): one row each, lines as a JSON column; `source` + `external_ref`
/// unique where both are set, so a purchase sent again is not recorded twice; and the purchase settings
/// (`PurchaseSettings`) as one JSON column of the settings row, null reading as the defaults.
struct CreatePurchases: AsyncMigration {
    var name: String { "021_CreatePurchases" }

    func prepare(on database: any Database) async throws {
        try await database.schema("purchases")
            .id()
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("branch_id", .uuid, .references("branches", "id", onDelete: .setNull))
            .field("purchased_at", .datetime, .required)
            .field("total", .int64, .required)
            .field("currency", .string, .required)
            .field("items", .string, .required)
            .field("source", .string)
            .field("external_ref", .string)
            .field("refund_of", .uuid, .references("purchases", "id"))
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("settings").field("purchases", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        for statement in [
            """
            CREATE UNIQUE INDEX purchases_source_ref_idx ON purchases (source, external_ref) \
            WHERE source IS NOT NULL AND external_ref IS NOT NULL
            """,
            "CREATE INDEX purchases_customer_idx ON purchases (customer_id, purchased_at, id)",
            "CREATE INDEX purchases_refund_of_idx ON purchases (refund_of) WHERE refund_of IS NOT NULL",
        ] {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("settings").deleteField("purchases").update()
        try await database.schema("purchases").delete()
    }
}
