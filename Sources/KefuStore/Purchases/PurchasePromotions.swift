import Foundation
import KefuCore
import SQLKit

/// The `purchase_promotions` rows (issue 15 §4): which stored promotions a purchase used and the discount each gave.
/// Written in the purchase's transaction, read back onto the purchases the repository returns.
enum PurchasePromotions {
    /// A 400 for each promotion that names no stored promotion, under `promotions[i].id`.
    static func unknown(_ promotions: [PurchasePromotion], on sql: any SQLDatabase) async throws -> [FieldError] {
        guard !promotions.isEmpty else { return [] }
        struct Code: Decodable { var code: String }
        let stored = Set(
            try await sql.select().column("code").from("promotions").where("code", .in, promotions.map(\.id))
                .all(decoding: Code.self).map(\.code))
        return promotions.enumerated().filter { !stored.contains($0.element.id) }.map { index, _ in
            FieldError(field: "promotions[\(index)].id", code: "unknown_promotion", message: "No such promotion.")
        }
    }

    static func insert(_ purchase: Purchase, on sql: any SQLDatabase) async throws {
        var insert = BulkInsert(
            into: "purchase_promotions", columns: ["promotion_code", "discount"],
            constants: [("purchase_id", purchase.id)])
        for promotion in purchase.promotions {
            insert.append(promotion.id)
            insert.append(Int64(promotion.discount))
        }
        try await insert.flush(on: sql)
    }

    /// The purchases with the promotions each used, in id order (compared in Swift, as the engines' collations differ).
    static func attached(to purchases: [Purchase], on sql: any SQLDatabase) async throws -> [Purchase] {
        guard !purchases.isEmpty else { return purchases }
        struct Row: Decodable {
            var purchase_id: UUID
            var promotion_code: String
            var discount: Int64
        }
        let rows = try await sql.select().columns("purchase_id", "promotion_code", "discount")
            .from("purchase_promotions").where("purchase_id", .in, purchases.map(\.id)).all(decoding: Row.self)
        let used = Dictionary(grouping: rows, by: \.purchase_id)
        return purchases.map { purchase in
            var purchase = purchase
            purchase.promotions = (used[purchase.id] ?? []).map {
                PurchasePromotion(id: $0.promotion_code, discount: Int($0.discount))
            }.sorted { $0.id < $1.id }
            return purchase
        }
    }
}
