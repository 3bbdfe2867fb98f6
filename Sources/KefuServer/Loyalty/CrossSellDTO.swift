import Foundation
import KefuCore
import KefuStore

/// A customer's cross-sell suggestions: `{"items": [{"sku", "name", "because", "confidence", "lift", "support"}]}`,
/// best first; `because` is the sku they bought that the rule starts from, `confidence` and `support` are
/// percentages (0–100, one decimal) as the report gives them, `lift` has two decimals.
struct SuggestionsDTO: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var sku: String
        var name: String?
        var because: String
        var confidence: Double
        var lift: Double
        var support: Double

        init(_ rule: AssociationRule, names: [String: String]) {
            sku = rule.consequent
            name = names[rule.consequent]
            because = rule.antecedent
            confidence = ReportValue.percent(rule.basketsBoth, of: rule.basketsAntecedent).number ?? 0
            lift = ReportValue.score(rule.lift).number ?? 0
            support = ReportValue.percent(rule.basketsBoth, of: rule.baskets).number ?? 0
        }

        enum CodingKeys: String, CodingKey { case sku, name, because, confidence, lift, support }

        /// `name` is null for a sku sold without one on record, as the API documents.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sku, forKey: .sku)
            try c.encode(name, forKey: .name)
            try c.encode(because, forKey: .because)
            try c.encode(confidence, forKey: .confidence)
            try c.encode(lift, forKey: .lift)
            try c.encode(support, forKey: .support)
        }
    }

    var items: [Item]

    init(_ found: CrossSell.Rules) {
        items = found.rules.map { Item($0, names: found.names) }
    }
}

/// The answer to a recomputation: `{"rules": how many were stored, "computed_at"}`.
struct RecomputedDTO: Encodable, Sendable {
    var rules: Int
    var computed_at: String
}
