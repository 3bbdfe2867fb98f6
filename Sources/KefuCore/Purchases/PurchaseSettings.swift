public import Foundation

/// How purchases move a customer through the lifecycle stages (DOMAIN §1, seed 002 §2.1), kept with
/// the business settings (`purchases` in the settings JSON) so an admin tunes them without a restart.
public struct PurchaseSettings: Codable, Sendable, Equatable {
    /// From this many purchases a customer is loyal (the second purchase makes them returning).
    public var loyalAfter: Int
    /// This many days without a purchase make a customer at risk…
    public var atRiskDays: Int
    /// …and this many (more than `atRiskDays`) lost.
    public var lostDays: Int

    public init(loyalAfter: Int = 5, atRiskDays: Int = 90, lostDays: Int = 180) {
        self.loyalAfter = loyalAfter
        self.atRiskDays = atRiskDays
        self.lostDays = lostDays
    }

    enum CodingKeys: String, CodingKey {
        case loyalAfter = "loyal_after"
        case atRiskDays = "at_risk_days"
        case lostDays = "lost_days"
    }

    /// Missing members take their defaults, so a partial object (or settings stored before one existed) reads.
    public init(from decoder: any Decoder) throws {
        let defaults = PurchaseSettings()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        loyalAfter = try container.decodeIfPresent(Int.self, forKey: .loyalAfter) ?? defaults.loyalAfter
        atRiskDays = try container.decodeIfPresent(Int.self, forKey: .atRiskDays) ?? defaults.atRiskDays
        lostDays = try container.decodeIfPresent(Int.self, forKey: .lostDays) ?? defaults.lostDays
    }

    /// Every problem, with fields named as the settings JSON nests them (`purchases.…`).
    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        func require(_ ok: Bool, _ key: CodingKeys, _ message: String) {
            if !ok {
                errors.append(FieldError(field: "purchases." + key.rawValue, code: "out_of_range", message: message))
            }
        }
        require(
            (3...10_000).contains(loyalAfter), .loyalAfter,
            "Loyal after must be between 3 and 10000 purchases (the second makes a customer returning).")
        require((1...3_650).contains(atRiskDays), .atRiskDays, "At risk after must be between 1 and 3650 days.")
        require(
            (1...3_650).contains(lostDays) && lostDays > atRiskDays, .lostDays,
            "Lost after must be between 1 and 3650 days and longer than at risk after.")
        return errors
    }

    /// The stage purchases put a customer in at `now`: lost or at risk once the gap since the last
    /// purchase reaches `lostDays` or `atRiskDays`, else loyal from `loyalAfter` purchases, returning from
    /// the second, new before. Refunds are not purchases. Pure, so the job that re-checks customers as
    /// time passes asks the same question with a later `now`.
    public func stage(purchases: Int, lastPurchasedAt: Date?, now: Date) -> LifecycleStage {
        if let last = lastPurchasedAt {
            let gap = now.timeIntervalSince(last)
            if gap >= Self.days(lostDays) { return .lost }
            if gap >= Self.days(atRiskDays) { return .atRisk }
        }
        if purchases >= loyalAfter { return .loyal }
        return purchases >= 2 ? .returning : .new
    }

    private static func days(_ count: Int) -> TimeInterval { TimeInterval(count) * 86_400 }
}
