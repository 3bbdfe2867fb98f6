/// How often each sku and each pair of skus were bought together, counted one basket at a time so a caller can
/// stream purchases through it. A basket is the set of distinct skus of one purchase; an empty one says
/// nothing about what goes with what and is not counted. Pairs are counted in a dictionary keyed by the two
/// skus' indices packed into one integer: 100,000 baskets of about five skus are a million increments.
public struct CoPurchaseCounts: Sendable {
    private var indices: [String: Int] = [:]
    private var skus: [String] = []
    private var single: [Int] = []
    /// Baskets holding both items, keyed by `pairKey(lower, higher)`.
    private var pairs: [Int: Int] = [:]
    /// Baskets counted.
    public private(set) var baskets = 0

    public init() {}

    /// Counts one basket; repeated skus in it count once.
    public mutating func add(_ basket: some Sequence<String>) {
        var items = Set<Int>()
        for sku in basket { items.insert(index(of: sku)) }
        guard !items.isEmpty else { return }
        baskets += 1
        let sorted = items.sorted()
        for (position, item) in sorted.enumerated() {
            single[item] += 1
            for other in sorted[(position + 1)...] { pairs[Self.pairKey(item, other), default: 0] += 1 }
        }
    }

    /// The rules X → Y over single skus that pass `parameters`, best first (`AssociationRule.ranks`), at most
    /// `parameters.maxRules`.
    public func rules(_ parameters: AssociationRules.Parameters = .init()) -> [AssociationRule] {
        guard baskets > 0 else { return [] }
        var found: [AssociationRule] = []
        for (key, both) in pairs where both >= parameters.minBasketsBoth {
            guard Double(both) / Double(baskets) >= parameters.minSupport else { continue }
            let (first, second) = (key >> 32, key & 0xFFFF_FFFF)
            for (x, y) in [(first, second), (second, first)]
            where Double(both) / Double(single[x]) >= parameters.minConfidence {
                found.append(
                    AssociationRule(
                        antecedent: skus[x], consequent: skus[y], basketsBoth: both, basketsAntecedent: single[x],
                        basketsConsequent: single[y], baskets: baskets))
            }
        }
        return Array(found.sorted { $0.ranks(before: $1) }.prefix(max(0, parameters.maxRules)))
    }

    private mutating func index(of sku: String) -> Int {
        if let index = indices[sku] { return index }
        indices[sku] = skus.count
        skus.append(sku)
        single.append(0)
        return skus.count - 1
    }

    private static func pairKey(_ lower: Int, _ higher: Int) -> Int { lower << 32 | higher }
}
