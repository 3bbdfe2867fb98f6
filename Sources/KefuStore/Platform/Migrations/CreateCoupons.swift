import FluentKit
import SQLKit

/// Coupons (issue 15 §3): codes a promotion's `coupon` condition names, with how often they may be used — in all
/// (`max_uses`; 1 is a single-use code) and per customer — and until when. Each use is a row whose `source` is
/// unique, so a retried use counts once.
struct CreateCoupons: AsyncMigration {
    var name: String { "029_CreateCoupons" }

    func prepare(on database: any Database) async throws {
        try await database.schema("coupons")
            .id()
            .field("code", .string, .required)
            .field("description", .string)
            .field("max_uses", .int64)
            .field("per_customer", .int64)
            .field("expires_at", .datetime)
            .field("active", .bool, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
        try await database.schema("coupon_uses")
            .id()
            .field("coupon_id", .uuid, .required, .references("coupons", "id", onDelete: .cascade))
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("created_by", .uuid)
            .field("used_at", .datetime, .required)
            .unique(on: "source")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX coupon_uses_coupon_idx ON coupon_uses (coupon_id, customer_id)").run()
        try await sql.raw("CREATE INDEX coupons_created_idx ON coupons (created_at, id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("coupon_uses").delete()
        try await database.schema("coupons").delete()
    }
}
