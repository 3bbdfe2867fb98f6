/// "Customers who bought X also bought Y" (X → Y), with the basket counts its three measures rest on: the
/// counts, not rounded ratios, are kept so rules rank exactly and read back from storage unchanged.
public struct AssociationRule: Sendable, Equatable {
    /// X, the sku already bought.
    public var antecedent: String
    /// Y, the sku suggested.
    public var consequent: String
    /// Baskets holding both X and Y.
    public var basketsBoth: Int
    /// Baskets holding X.
    public var basketsAntecedent: Int
    /// Baskets holding Y.
    public var basketsConsequent: Int
    /// All baskets counted.
    public var baskets: Int

    public init(
        antecedent: String, consequent: String, basketsBoth: Int, basketsAntecedent: Int, basketsConsequent: Int,
        baskets: Int
    ) {
        self.antecedent = antecedent
        self.consequent = consequent
        self.basketsBoth = basketsBoth
        self.basketsAntecedent = basketsAntecedent
        self.basketsConsequent = basketsConsequent
        self.baskets = baskets
    }

    /// The share of all baskets holding both.
    public var support: Double { Double(basketsBoth) / Double(baskets) }
    /// The share of baskets with X that hold Y too.
    public var confidence: Double { Double(basketsBoth) / Double(basketsAntecedent) }
    /// Confidence over Y's own share of baskets: above 1, X makes Y likelier.
    public var lift: Double {
        Double(basketsBoth) * Double(baskets) / (Double(basketsAntecedent) * Double(basketsConsequent))
    }

    /// The order rules are listed and chosen in: higher lift, then higher confidence, then X and Y alphabetically.
    /// Lift and confidence are compared as exact fractions, so equal ratios tie whatever their counts.
    public func ranks(before other: AssociationRule) -> Bool {
        let lift = Self.compare(
            (basketsBoth, baskets), (basketsAntecedent, basketsConsequent), (other.basketsBoth, other.baskets),
            (other.basketsAntecedent, other.basketsConsequent))
        if lift != 0 { return lift > 0 }
        let confidence = Self.compare(
            (basketsBoth, 1), (basketsAntecedent, 1), (other.basketsBoth, 1), (other.basketsAntecedent, 1))
        if confidence != 0 { return confidence > 0 }
        return (antecedent, consequent) < (other.antecedent, other.consequent)
    }

    /// The sign of (a₁·a₂)/(b₁·b₂) − (c₁·c₂)/(d₁·d₂) for positive counts, cross-multiplied in 128 bits.
    private static func compare(_ a: (Int, Int), _ b: (Int, Int), _ c: (Int, Int), _ d: (Int, Int)) -> Int {
        let left = (a.0 * a.1).multipliedFullWidth(by: d.0 * d.1)
        let right = (c.0 * c.1).multipliedFullWidth(by: b.0 * b.1)
        if (left.high, left.low) == (right.high, right.low) { return 0 }
        return (left.high, left.low) > (right.high, right.low) ? 1 : -1
    }
}
