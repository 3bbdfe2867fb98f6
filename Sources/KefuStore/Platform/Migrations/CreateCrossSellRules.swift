import FluentKit
import SQLKit

/// The cross-sell rules (issue 15 §4) as last computed (`CrossSell.recompute`): a cache replaced whole each time,
/// one row per rule X → Y with the skus' names, its three measures for readers of the table and the basket counts
/// they come from.
struct CreateCrossSellRules: AsyncMigration {
    var name: String { "030_CreateCrossSellRules" }

    func prepare(on database: any Database) async throws {
        try await database.schema("cross_sell_rules")
            .field("antecedent", .string, .required)
            .field("consequent", .string, .required)
            .field("antecedent_name", .string)
            .field("consequent_name", .string)
            .field("support", .double, .required)
            .field("confidence", .double, .required)
            .field("lift", .double, .required)
            .field("baskets_both", .int64, .required)
            .field("baskets_antecedent", .int64, .required)
            .field("baskets_consequent", .int64, .required)
            .field("baskets", .int64, .required)
            .field("computed_at", .datetime, .required)
            .compositeIdentifier(over: "antecedent", "consequent")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("cross_sell_rules").delete()
    }
}
