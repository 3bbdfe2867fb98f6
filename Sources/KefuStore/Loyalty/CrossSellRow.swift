import Foundation
import KefuCore

/// A `cross_sell_rules` row: a rule with the skus' names and when it was computed.
struct CrossSellRow: Codable {
    var antecedent: String
    var consequent: String
    var antecedent_name: String?
    var consequent_name: String?
    var support: Double
    var confidence: Double
    var lift: Double
    var baskets_both: Int64
    var baskets_antecedent: Int64
    var baskets_consequent: Int64
    var baskets: Int64
    var computed_at: Date

    static let columns = [
        "antecedent", "consequent", "antecedent_name", "consequent_name", "support", "confidence", "lift",
        "baskets_both", "baskets_antecedent", "baskets_consequent", "baskets",
    ]

    var rule: AssociationRule {
        AssociationRule(
            antecedent: antecedent, consequent: consequent, basketsBoth: Int(baskets_both),
            basketsAntecedent: Int(baskets_antecedent), basketsConsequent: Int(baskets_consequent),
            baskets: Int(baskets))
    }

    /// Appends `rule`'s values in `columns` order.
    static func append(_ rule: AssociationRule, names: [String: String], to insert: inout BulkInsert) {
        insert.append(rule.antecedent)
        insert.append(rule.consequent)
        insert.append(names[rule.antecedent])
        insert.append(names[rule.consequent])
        insert.append(rule.support)
        insert.append(rule.confidence)
        insert.append(rule.lift)
        insert.append(Int64(rule.basketsBoth))
        insert.append(Int64(rule.basketsAntecedent))
        insert.append(Int64(rule.basketsConsequent))
        insert.append(Int64(rule.baskets))
    }
}
