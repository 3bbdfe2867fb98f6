/// The cross-sell report (issue 15 §4): the stored association rules, best first, each with the skus' names,
/// support and confidence as percentages, lift and the baskets holding both. A table without a chart.
public enum CrossSellReport {
    public static let name = "cross-sell"

    /// `names` gives a sku's name as last sold; a sku without one has an empty name cell.
    public static func report(_ rules: [AssociationRule], names: [String: String]) -> Report {
        Report(
            name: name,
            columns: [
                .named("antecedent", .text), .named("antecedent_name", .text), .named("consequent", .text),
                .named("consequent_name", .text), .named("support", .percent), .named("confidence", .percent),
                .named("lift", .score), .named("baskets", .count),
            ],
            rows: rules.map { rule in
                [
                    .text(rule.antecedent), names[rule.antecedent].map(ReportValue.text) ?? .empty,
                    .text(rule.consequent), names[rule.consequent].map(ReportValue.text) ?? .empty,
                    .percent(rule.basketsBoth, of: rule.baskets),
                    .percent(rule.basketsBoth, of: rule.basketsAntecedent),
                    .score(rule.lift), .integer(rule.basketsBoth),
                ]
            })
    }
}
