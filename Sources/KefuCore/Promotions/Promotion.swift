public import Foundation

/// One promotion the engine may apply: 满减, 满赠, a member price, a bundle price, a percentage or an amount
/// off, with the conditions that make it applicable (a date window, tiers, branches, a coupon code) and, for
/// order-level kinds, the lines it counts (`scope`). Built valid or not at all (docs/SCIENCE.md §10).
public struct Promotion: Sendable, Equatable {
    public let id: String
    public let kind: PromotionKind
    /// Higher applies first within its stage; equal priorities apply by id.
    public let priority: Int
    /// Promotions of one group exclude each other: the engine applies at most one of them.
    public let group: String?
    public let conditions: PromotionConditions

    /// The largest amount (minor units) a price, an amount off, a threshold, a gift's value or a basket's
    /// subtotal may reach, so that no sum the engine forms can overflow.
    public static let maximumAmount = 1_000_000_000_000_000

    /// The promotion, or the first field that breaks a rule (an empty id, a negative amount, a threshold of 0,
    /// a percentage outside 1–99, a bundle naming a sku twice, a cap without repeat, a window ending before it
    /// starts).
    public init(
        id: String, kind: PromotionKind, priority: Int = 0, group: String? = nil,
        conditions: PromotionConditions = PromotionConditions()
    ) throws(PromotionInputError) {
        guard !id.isEmpty else { throw PromotionInputError(.unnamedPromotion(position: nil), field: "id", "empty") }
        self.id = id
        self.kind = kind
        self.priority = priority
        self.group = group
        self.conditions = conditions
        try validate()
    }
}

/// A promotion's kind and the parameters it takes. The stage says when it applies: member prices first, then
/// bundles on those prices, then the order-level kinds on what is left.
public enum PromotionKind: Sendable, Equatable {
    /// `{"prices": {"SKU": {"TIER": price}}}`: the line's unit price drops to the tier's price.
    case memberPrice(prices: [String: [String: Int]])
    /// `{"skus": [...], "price": N}`: each complete set of the skus sells at `price`.
    case bundle(skus: [String], price: Int)
    /// `{"percent": P}`: floor(base × P / 100), 1 ≤ P ≤ 99.
    case percentOff(percent: Int)
    /// 满减 `{"threshold": T, "off": O, "repeat": false, "cap": null}`: O once the base reaches T, or O for
    /// every whole T with `repeat`, at most `cap`.
    case threshold(threshold: Int, off: Int, repeats: Bool, cap: Int?)
    /// `{"off": O, "min_spend": M}`: O (at most the base) once the base reaches M.
    case amountOff(off: Int, minSpend: Int)
    /// 满赠 `{"threshold": T, "gift": {"sku", "quantity", "value"}}`: the gift once the base reaches T.
    case gift(threshold: Int, gift: PromotionGift)

    /// The name in JSON and in a quote's `applied` entries.
    public var name: String {
        switch self {
        case .memberPrice: return "member_price"
        case .bundle: return "bundle"
        case .percentOff: return "percent_off"
        case .threshold: return "threshold"
        case .amountOff: return "amount_off"
        case .gift: return "gift"
        }
    }

    /// 1 member prices, 2 bundles, 3 order level.
    public var stage: Int {
        switch self {
        case .memberPrice: return 1
        case .bundle: return 2
        case .percentOff, .threshold, .amountOff, .gift: return 3
        }
    }
}

/// What a 满赠 promotion gives: `quantity` units of `sku`, worth `value` in all (not charged).
public struct PromotionGift: Sendable, Equatable, Encodable {
    public let sku: String
    public let quantity: Int
    public let value: Int

    public init(sku: String, quantity: Int, value: Int) {
        self.sku = sku
        self.quantity = quantity
        self.value = value
    }
}

/// When a promotion is applicable, and which lines an order-level promotion counts. Each condition left out
/// (nil) always holds.
public struct PromotionConditions: Sendable, Equatable {
    /// The instants `from ≤ at < to`.
    public let window: PromotionWindow?
    /// The basket's tier is one of these.
    public let tiers: [String]?
    /// The basket's branch is one of these.
    public let branches: [String]?
    /// The basket's coupons hold this code (usage limits are the server's business).
    public let coupon: String?
    /// The lines a stage-3 promotion counts; nil counts every line. Ignored by member prices and bundles.
    public let scope: PromotionScope?

    public init(
        window: PromotionWindow? = nil, tiers: [String]? = nil, branches: [String]? = nil, coupon: String? = nil,
        scope: PromotionScope? = nil
    ) {
        self.window = window
        self.tiers = tiers
        self.branches = branches
        self.coupon = coupon
        self.scope = scope
    }

    /// True when every condition holds for `basket` (scope is not a condition).
    public func hold(for basket: Basket) -> Bool {
        if let window, !(window.from <= basket.at && basket.at < window.to) { return false }
        if let tiers, !(basket.tier.map(tiers.contains) ?? false) { return false }
        if let branches, !(basket.branch.map(branches.contains) ?? false) { return false }
        if let coupon, !basket.coupons.contains(coupon) { return false }
        return true
    }
}

/// A half-open stretch of time, compared as instants: a holiday campaign.
public struct PromotionWindow: Sendable, Equatable {
    public let from: Date
    public let to: Date

    public init(from: Date, to: Date) {
        self.from = from
        self.to = to
    }
}

/// The lines an order-level promotion counts: those whose sku or category is listed.
public struct PromotionScope: Sendable, Equatable, Encodable {
    public let skus: [String]
    public let categories: [String]

    public init(skus: [String] = [], categories: [String] = []) {
        self.skus = skus
        self.categories = categories
    }

    public func contains(_ line: BasketLine) -> Bool {
        skus.contains(line.sku) || categories.contains(line.category)
    }
}
