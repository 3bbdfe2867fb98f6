import FluentKit
import SQLKit

/// Loyalty members and their points ledger (issue 15 §1–2). Movements are appended and never changed; their
/// `source` is unique, so the same purchase, refund, redemption, adjustment or expiry never moves points twice,
/// whichever server or retry writes it. A lot is a movement that added points, with what is left of it; draws
/// say which lots a redemption, expiry or reversal took its points from. The member keeps the balance (the sum
/// of its movements) so that reads need no sum.
struct CreateLoyalty: AsyncMigration {
    var name: String { "027_CreateLoyalty" }

    func prepare(on database: any Database) async throws {
        try await database.schema("loyalty_members")
            .id()
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("number", .int64, .required)
            .field("tier", .string, .required)
            .field("balance", .int64, .required)
            .field("consent_at", .datetime, .required)
            .field("consent_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "customer_id")
            .unique(on: "number")
            .create()
        try await database.schema("loyalty_movements")
            .id()
            .field("member_id", .uuid, .required, .references("loyalty_members", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("points", .int64, .required)
            .field("source", .string, .required)
            .field("reason", .string)
            .field("purchase_id", .uuid)
            .field("expires_on", .string)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "source")
            .create()
        try await database.schema("loyalty_lots")
            .id()
            .field("member_id", .uuid, .required, .references("loyalty_members", "id", onDelete: .cascade))
            .field("points", .int64, .required)
            .field("remaining", .int64, .required)
            .field("expires_on", .string, .required)
            .field("earned_at", .datetime, .required)
            .create()
        try await database.schema("loyalty_draws")
            .field("movement_id", .uuid, .required, .references("loyalty_movements", "id", onDelete: .cascade))
            .field("lot_id", .uuid, .required, .references("loyalty_lots", "id", onDelete: .cascade))
            .field("points", .int64, .required)
            .compositeIdentifier(over: "movement_id", "lot_id")
            .create()
        try await database.schema("settings").field("loyalty", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        for statement in [
            "CREATE INDEX loyalty_movements_member_idx ON loyalty_movements (member_id, created_at, id)",
            "CREATE INDEX loyalty_movements_purchase_idx ON loyalty_movements (purchase_id)",
            "CREATE INDEX loyalty_lots_open_idx ON loyalty_lots (member_id, expires_on) WHERE remaining > 0",
            "CREATE INDEX loyalty_lots_expiry_idx ON loyalty_lots (expires_on) WHERE remaining > 0",
            "CREATE INDEX loyalty_draws_lot_idx ON loyalty_draws (lot_id)",
        ] {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("settings").deleteField("loyalty").update()
        try await database.schema("loyalty_draws").delete()
        try await database.schema("loyalty_lots").delete()
        try await database.schema("loyalty_movements").delete()
        try await database.schema("loyalty_members").delete()
    }
}
