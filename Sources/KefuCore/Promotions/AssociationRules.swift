/// Cross-sell from co-purchase association rules (issue 15 §4): which skus are bought together more often than
/// chance, mined over pairs of single skus (X → Y), and what to suggest to a customer from them.
public enum AssociationRules {
    /// What a rule must reach to be kept, and how many are kept.
    public struct Parameters: Sendable, Equatable {
        /// The least share of all baskets holding both skus.
        public var minSupport: Double
        /// The least share of baskets with X that hold Y too.
        public var minConfidence: Double
        /// The least number of baskets holding both, so a handful of sales cannot make a rule.
        public var minBasketsBoth: Int
        /// The most rules kept, the best ones.
        public var maxRules: Int

        public init(
            minSupport: Double = 0.01, minConfidence: Double = 0.2, minBasketsBoth: Int = 3, maxRules: Int = 500
        ) {
            self.minSupport = minSupport
            self.minConfidence = minConfidence
            self.minBasketsBoth = minBasketsBoth
            self.maxRules = maxRules
        }
    }

    /// The rules of `baskets` (each the skus of one purchase; refunds are the caller's to leave out), best first.
    public static func mine(_ baskets: some Sequence<some Sequence<String>>, parameters: Parameters = .init())
        -> [AssociationRule]
    {
        var counts = CoPurchaseCounts()
        for basket in baskets { counts.add(basket) }
        return counts.rules(parameters)
    }

    /// What to suggest to a customer who bought `boughtSkus`: skus they have not bought that rules from skus they
    /// have bought lead to, one rule each — the best one for it — best first, at most `limit`.
    public static func suggestions(for boughtSkus: Set<String>, rules: [AssociationRule], limit: Int = 3)
        -> [AssociationRule]
    {
        var chosen: [AssociationRule] = []
        var suggested = Set<String>()
        for rule in rules.sorted(by: { $0.ranks(before: $1) }) where chosen.count < limit {
            guard boughtSkus.contains(rule.antecedent), !boughtSkus.contains(rule.consequent),
                suggested.insert(rule.consequent).inserted
            else { continue }
            chosen.append(rule)
        }
        return chosen
    }
}
