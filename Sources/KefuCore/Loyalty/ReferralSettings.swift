/// What a referral earns (`loyalty.referral`): a member who joins with another member's referral code (their
/// member number) makes that member earn `referrer_points` on their first purchase as a member, and earns
/// `referee_points` themselves with it. Both once, whatever is retried or refunded afterwards.
public struct ReferralSettings: Codable, Sendable, Equatable {
    public var referrerPoints: Int
    public var refereePoints: Int

    public init(referrerPoints: Int = 100, refereePoints: Int = 0) {
        self.referrerPoints = referrerPoints
        self.refereePoints = refereePoints
    }

    enum CodingKeys: String, CodingKey {
        case referrerPoints = "referrer_points"
        case refereePoints = "referee_points"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ReferralSettings()
        referrerPoints = try c.decodeIfPresent(Int.self, forKey: .referrerPoints) ?? defaults.referrerPoints
        refereePoints = try c.decodeIfPresent(Int.self, forKey: .refereePoints) ?? defaults.refereePoints
    }

    func validationErrors() -> [FieldError] {
        [("referrer_points", referrerPoints), ("referee_points", refereePoints)]
            .filter { !(0...1_000_000).contains($0.1) }
            .map {
                FieldError(
                    field: "loyalty.referral." + $0.0, code: "out_of_range",
                    message: "Referral points are a whole number from 0 to 1000000.")
            }
    }
}
