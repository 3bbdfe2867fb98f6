public import Foundation

/// A bonus points campaign (`loyalty.bonus_campaigns`): extra points on the purchases it covers, on top of what
/// they earn — double points over the Spring Festival, 200 points for a purchase of 500.00 or more at a new
/// branch. Each campaign's bonus is its own lot with its own source, so it is credited once like the earn itself
/// and a refund takes back its share.
public struct BonusCampaign: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// The purchases it covers: `from ≤ purchased_at < to`, RFC 3339 instants with offsets.
    public var from: String
    public var to: String
    /// Extra points as a multiple of the base rate (floor(total / 100 × points_per_unit × multiplier)): 1 doubles
    /// the base points; 0 gives none this way.
    public var multiplier: Double
    /// Flat extra points per covered purchase.
    public var extraPoints: Int
    /// The smallest purchase total (minor units) it covers.
    public var minTotal: Int
    /// The member tiers it covers; nil covers all.
    public var tiers: [String]?
    /// The branches it covers; nil covers purchases anywhere, a purchase without a branch included.
    public var branches: [UUID]?

    public init(
        id: String, name: String, from: String, to: String, multiplier: Double = 0, extraPoints: Int = 0,
        minTotal: Int = 0, tiers: [String]? = nil, branches: [UUID]? = nil
    ) {
        self.id = id
        self.name = name
        self.from = from
        self.to = to
        self.multiplier = multiplier
        self.extraPoints = extraPoints
        self.minTotal = minTotal
        self.tiers = tiers
        self.branches = branches
    }

    enum CodingKeys: String, CodingKey {
        case id, name, from, to, multiplier, tiers, branches
        case extraPoints = "extra_points"
        case minTotal = "min_total"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        from = try c.decode(String.self, forKey: .from)
        to = try c.decode(String.self, forKey: .to)
        multiplier = try c.decodeIfPresent(Double.self, forKey: .multiplier) ?? 0
        extraPoints = try c.decodeIfPresent(Int.self, forKey: .extraPoints) ?? 0
        minTotal = try c.decodeIfPresent(Int.self, forKey: .minTotal) ?? 0
        tiers = try c.decodeIfPresent([String].self, forKey: .tiers)
        branches = try c.decodeIfPresent([UUID].self, forKey: .branches)
    }

    /// The bonus points a purchase of `total` at `at`, by a member in `tier`, at `branch` earns; 0 when the
    /// campaign does not cover it (a refund never is).
    public func bonus(total: Int, at: Date, tier: String, branch: UUID?, pointsPerUnit: Int) -> Int {
        guard total > 0, total >= minTotal, let start = RFC3339.date(from), let end = RFC3339.date(to),
            start <= at, at < end, tiers.map({ $0.contains(tier) }) ?? true,
            branches.map({ branches in branch.map(branches.contains) ?? false }) ?? true
        else { return 0 }
        return PointsLedger.earned(total: total, pointsPerUnit: pointsPerUnit, multiplier: multiplier) + extraPoints
    }

    /// What is wrong with this campaign, its fields named `loyalty.bonus_campaigns[index].field`.
    func validationErrors(at index: Int, memberTiers: [String]) -> [FieldError] {
        let prefix = "loyalty.bonus_campaigns[\(index)]."
        var errors: [FieldError] = []
        func fail(_ field: String, _ code: String, _ message: String) {
            errors.append(FieldError(field: prefix + field, code: code, message: message))
        }
        if !LoyaltySettings.isValidID(id) {
            fail("id", "invalid", "A campaign id is 1–40 letters, digits, - or _.")
        }
        if name.trimmingWhitespace().isEmpty { fail("name", "required", "Name the campaign.") }
        if let start = RFC3339.date(from), let end = RFC3339.date(to) {
            if start >= end { fail("to", "out_of_range", "The campaign ends after it starts.") }
        } else {
            fail(
                "from", "invalid_time",
                "from and to are RFC 3339 times with an offset, such as 2026-02-14T00:00:00+08:00.")
        }
        if !(0...100).contains(multiplier) || !(0...1_000_000).contains(extraPoints) || minTotal < 0 {
            fail(
                "multiplier", "out_of_range",
                "The multiplier is 0–100, extra points 0–1000000, the minimum total not negative.")
        } else if multiplier == 0 && extraPoints == 0 {
            fail("multiplier", "required", "A campaign gives a multiplier above 0 or extra points.")
        }
        if let unknown = tiers?.first(where: { !memberTiers.contains($0) }) {
            fail("tiers", "unknown_tier", "\"\(unknown)\" is not a member tier.")
        }
        return errors
    }
}
