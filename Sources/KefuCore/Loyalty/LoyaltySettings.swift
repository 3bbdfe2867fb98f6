import Foundation

/// The loyalty settings (`loyalty` in the settings JSON): how purchases earn points, how long points last,
/// whether a refund may take a balance below zero, the member tiers and their benefits, bonus campaigns and the
/// rewards points buy.
public struct LoyaltySettings: Codable, Sendable, Equatable {
    /// Points per 100 minor units spent (per yuan, per dollar), before the tier's multiplier.
    public var pointsPerUnit: Int
    /// Days a lot of earned points lasts: it expires at the end of the local day this many days after the day
    /// it was earned.
    public var pointsValidDays: Int
    /// Whether a refund may reverse points already spent, leaving the balance below zero; otherwise such a
    /// refund is refused (409) naming the shortfall.
    public var allowNegativeBalance: Bool
    /// The member tiers, lowest first; a new member starts in the first.
    public var tiers: [MemberTier]
    /// Campaigns that add bonus points to the purchases they cover.
    public var bonusCampaigns: [BonusCampaign]
    /// What points can be redeemed for.
    public var rewards: [LoyaltyReward]
    /// What a referral earns.
    public var referral: ReferralSettings

    public init(
        pointsPerUnit: Int = 1, pointsValidDays: Int = 365, allowNegativeBalance: Bool = false,
        tiers: [MemberTier] = [MemberTier(name: "member", multiplier: 1)], bonusCampaigns: [BonusCampaign] = [],
        rewards: [LoyaltyReward] = [], referral: ReferralSettings = ReferralSettings()
    ) {
        self.pointsPerUnit = pointsPerUnit
        self.pointsValidDays = pointsValidDays
        self.allowNegativeBalance = allowNegativeBalance
        self.tiers = tiers
        self.bonusCampaigns = bonusCampaigns
        self.rewards = rewards
        self.referral = referral
    }

    enum CodingKeys: String, CodingKey {
        case pointsPerUnit = "points_per_unit"
        case pointsValidDays = "points_valid_days"
        case allowNegativeBalance = "allow_negative_balance"
        case tiers
        case bonusCampaigns = "bonus_campaigns"
        case rewards, referral
    }

    /// Missing members take their defaults, so settings stored before one existed read.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = LoyaltySettings()
        pointsPerUnit = try c.decodeIfPresent(Int.self, forKey: .pointsPerUnit) ?? defaults.pointsPerUnit
        pointsValidDays = try c.decodeIfPresent(Int.self, forKey: .pointsValidDays) ?? defaults.pointsValidDays
        allowNegativeBalance =
            try c.decodeIfPresent(Bool.self, forKey: .allowNegativeBalance) ?? defaults.allowNegativeBalance
        tiers = try c.decodeIfPresent([MemberTier].self, forKey: .tiers) ?? defaults.tiers
        bonusCampaigns = try c.decodeIfPresent([BonusCampaign].self, forKey: .bonusCampaigns) ?? []
        rewards = try c.decodeIfPresent([LoyaltyReward].self, forKey: .rewards) ?? []
        referral = try c.decodeIfPresent(ReferralSettings.self, forKey: .referral) ?? defaults.referral
    }

    /// The reward `id`, if the settings offer it.
    public func reward(_ id: String) -> LoyaltyReward? { rewards.first { $0.id == id } }

    /// Whether `id` may name a bonus campaign or a reward: 1–40 ASCII letters, digits, `-` or `_`.
    static func isValidID(_ id: String) -> Bool {
        (1...40).contains(id.count)
            && id.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_")
            }
    }

    /// The tier named `name`, else the first (a tier since removed from the settings earns as the lowest).
    public func tier(named name: String) -> MemberTier {
        tiers.first { $0.name == name } ?? tiers.first ?? MemberTier(name: name, multiplier: 1)
    }

    /// What is wrong with these settings; `customerTiers` are the business's tiers, which `sla_tier` names.
    public func validationErrors(customerTiers: [String]) -> [FieldError] {
        var errors: [FieldError] = []
        if let unknown = tiers.compactMap(\.slaTier).first(where: { !customerTiers.contains($0) }) {
            errors.append(
                FieldError(
                    field: "loyalty.tiers", code: "unknown_tier",
                    message:
                        "A member tier's sla_tier \"\(unknown)\" is not one of \(customerTiers.joined(separator: ", "))."
                ))
        }
        if !(1...10_000).contains(pointsPerUnit) {
            errors.append(
                FieldError(
                    field: "loyalty.points_per_unit", code: "out_of_range",
                    message: "Points per unit are a whole number from 1 to 10000."))
        }
        if !(1...3_660).contains(pointsValidDays) {
            errors.append(
                FieldError(
                    field: "loyalty.points_valid_days", code: "out_of_range",
                    message: "Points last between 1 and 3660 days."))
        }
        let names = tiers.map { $0.name.trimmingWhitespace() }
        if tiers.isEmpty || names.contains(where: \.isEmpty) || Set(names).count != names.count {
            errors.append(
                FieldError(
                    field: "loyalty.tiers", code: "invalid_tiers",
                    message: "Name at least one member tier, each once."))
        }
        if tiers.contains(where: { ($0.minSpend12m ?? 0) < 0 || ($0.minLifetimePoints ?? 0) < 0 }) {
            errors.append(
                FieldError(
                    field: "loyalty.tiers", code: "out_of_range", message: "A tier's thresholds are not negative."))
        }
        if tiers.contains(where: { !($0.multiplier > 0 && $0.multiplier <= 100) }) {
            errors.append(
                FieldError(
                    field: "loyalty.tiers", code: "out_of_range",
                    message: "A tier's points multiplier is above 0 and at most 100."))
        }
        let campaignIDs = bonusCampaigns.map(\.id)
        if Set(campaignIDs).count != campaignIDs.count {
            errors.append(
                FieldError(
                    field: "loyalty.bonus_campaigns", code: "duplicate_id", message: "Each campaign id is used once."))
        }
        for (index, campaign) in bonusCampaigns.enumerated() {
            errors += campaign.validationErrors(at: index, memberTiers: tiers.map(\.name))
        }
        let rewardIDs = rewards.map(\.id)
        if Set(rewardIDs).count != rewardIDs.count {
            errors.append(
                FieldError(field: "loyalty.rewards", code: "duplicate_id", message: "Each reward id is used once."))
        }
        for (index, reward) in rewards.enumerated() { errors += reward.validationErrors(at: index) }
        errors += referral.validationErrors()
        return errors
    }
}

/// A member tier: what qualifies for it — a rolling 12-month spend or lifetime points, either one — and its
/// benefits: its points multiplier (1.5 earns half again as much), the customer tier its members hold (which the
/// SLA policies match, so Gold members get the VIP response times) and the queue class they wait in. Member
/// prices name the tier in the promotions. The first tier needs nothing; a tier without either threshold is given
/// by hand only.
public struct MemberTier: Codable, Sendable, Equatable {
    public var name: String
    public var multiplier: Double
    /// Minor units spent in the last 12 months (refunds taken off) that qualify.
    public var minSpend12m: Int?
    /// Points earned since enrolment (refunds' reversals taken off) that qualify.
    public var minLifetimePoints: Int?
    /// The customer tier (one of the business's `tiers`) a member of this tier holds, or nil to leave it to staff.
    public var slaTier: String?
    /// The walk-in queue class of this tier's members, or nil for the queue's own tier mapping.
    public var queueClass: QueueClass?

    public init(
        name: String, multiplier: Double, minSpend12m: Int? = nil, minLifetimePoints: Int? = nil,
        slaTier: String? = nil, queueClass: QueueClass? = nil
    ) {
        self.name = name
        self.multiplier = multiplier
        self.minSpend12m = minSpend12m
        self.minLifetimePoints = minLifetimePoints
        self.slaTier = slaTier
        self.queueClass = queueClass
    }

    enum CodingKeys: String, CodingKey {
        case name, multiplier
        case minSpend12m = "min_spend_12m"
        case minLifetimePoints = "min_lifetime_points"
        case slaTier = "sla_tier"
        case queueClass = "queue_class"
    }

    /// Whether `spend` over 12 months or `points` earned reach either threshold.
    func qualifies(spend: Int, points: Int) -> Bool {
        (minSpend12m.map { spend >= $0 } ?? false) || (minLifetimePoints.map { points >= $0 } ?? false)
    }
}

extension LoyaltySettings {
    /// The highest tier `spend` (12 months) or `points` (lifetime) qualify for; the first tier when none does.
    public func qualifiedTier(spend: Int, points: Int) -> MemberTier? {
        tiers.dropFirst().last(where: { $0.qualifies(spend: spend, points: points) }) ?? tiers.first
    }

    /// The tier a member in `current` moves to, or nil to stay: up at once when they qualify for a higher tier;
    /// down (or up) to what they qualify for only at the yearly `review`. A tier since removed from the settings
    /// ranks below every other.
    public func tierChange(from current: String, spend: Int, points: Int, review: Bool) -> String? {
        guard let qualified = qualifiedTier(spend: spend, points: points), qualified.name != current else {
            return nil
        }
        let rank = { (name: String) in tiers.firstIndex { $0.name == name } ?? -1 }
        return review || rank(qualified.name) > rank(current) ? qualified.name : nil
    }
}

/// How far a member is from the next tier that has a threshold: the spend over 12 months or the lifetime points
/// still missing (nil where that tier has no such threshold), for the member's own page.
public struct TierProgress: Sendable, Equatable {
    public var next: MemberTier
    public var spendToGo: Int?
    public var pointsToGo: Int?
}

extension LoyaltySettings {
    /// The progress of a member in `current` with `spend` and `points` towards the next tier above it that has a
    /// threshold; nil in the highest such tier.
    public func progress(from current: String, spend: Int, points: Int) -> TierProgress? {
        let rank = tiers.firstIndex { $0.name == current } ?? 0
        guard
            let next = tiers.dropFirst(rank + 1).first(where: {
                $0.minSpend12m != nil || $0.minLifetimePoints != nil
            })
        else { return nil }
        return TierProgress(
            next: next, spendToGo: next.minSpend12m.map { max(0, $0 - spend) },
            pointsToGo: next.minLifetimePoints.map { max(0, $0 - points) })
    }
}

/// What a member's tier change does to their customer record's tier: `tier` is the customer tier to hold (nil: none).
public struct CustomerTierAssignment: Sendable, Equatable {
    public var tier: String?

    public init(tier: String?) { self.tier = tier }
}

extension LoyaltySettings {
    /// The customer tier a member's customer takes on moving from member tier `old` (nil on enrolment) to `new`,
    /// holding `current`; nil leaves it alone. The new tier's `sla_tier` when it names one; when it names none,
    /// the tier the old one gave is taken away, and a tier staff set by hand stays.
    public func customerTier(from old: String?, to new: String, holding current: String?) -> CustomerTierAssignment? {
        if let given = tier(named: new).slaTier {
            return given == current ? nil : CustomerTierAssignment(tier: given)
        }
        guard let old, let previous = tier(named: old).slaTier, previous == current else { return nil }
        return CustomerTierAssignment(tier: nil)
    }
}
