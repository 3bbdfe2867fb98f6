import Foundation
import KefuCore
import KefuStore

/// A member as the API shows it: `{"id", "number", "customer_id", "tier", "benefits": {"multiplier", "sla_tier",
/// "queue_class"}, "referral_code", "referred_by", "balance", "consent_at", "created_at", "updated_at"}`.
struct MemberDTO: Encodable, Sendable {
    /// What the member's tier gives, null where it gives nothing of that kind.
    struct Benefits: Encodable, Sendable {
        var multiplier: Double
        var sla_tier: String?
        var queue_class: String?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(multiplier, forKey: .multiplier)
            try c.encode(sla_tier, forKey: .sla_tier)
            try c.encode(queue_class, forKey: .queue_class)
        }

        enum CodingKeys: String, CodingKey { case multiplier, sla_tier, queue_class }
    }

    var id: UUID
    var number: String
    var customer_id: UUID
    var tier: String
    var benefits: Benefits
    /// The code that refers new members to this one: their member number.
    var referral_code: String
    var referred_by: UUID?
    var balance: Int
    var consent_at: String
    var created_at: String
    var updated_at: String

    init(_ member: Member, rules: LoyaltySettings) {
        id = member.id
        number = member.number
        customer_id = member.customerID
        tier = member.tier
        referral_code = member.number
        referred_by = member.referredBy
        let tier = rules.tier(named: member.tier)
        benefits = Benefits(
            multiplier: tier.multiplier, sla_tier: tier.slaTier, queue_class: tier.queueClass?.rawValue)
        balance = member.balance
        consent_at = RFC3339.utc(member.consentAt)
        created_at = RFC3339.utc(member.createdAt)
        updated_at = RFC3339.utc(member.updatedAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, number, customer_id, tier, benefits, referral_code, referred_by, balance, consent_at, created_at
        case updated_at
    }

    /// Every key is written, `referred_by` null for a member who joined without a code.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(number, forKey: .number)
        try c.encode(customer_id, forKey: .customer_id)
        try c.encode(tier, forKey: .tier)
        try c.encode(benefits, forKey: .benefits)
        try c.encode(referral_code, forKey: .referral_code)
        try c.encode(referred_by, forKey: .referred_by)
        try c.encode(balance, forKey: .balance)
        try c.encode(consent_at, forKey: .consent_at)
        try c.encode(created_at, forKey: .created_at)
        try c.encode(updated_at, forKey: .updated_at)
    }
}

/// A movement of the ledger: `{"id", "member_id", "kind", "points", "source", "reason", "reward", "purchase_id",
/// "expires_on", "draws": [{"lot_id", "points"}], "created_by", "created_at"}`; a redemption or adjustment
/// answer adds the member's `balance` after it.
struct MovementDTO: Encodable, Sendable {
    struct Draw: Encodable, Sendable {
        var lot_id: UUID
        var points: Int
    }

    var id: UUID
    var member_id: UUID
    var kind: String
    var points: Int
    var source: String
    var reason: String?
    var reward: String?
    var purchase_id: UUID?
    var expires_on: String?
    var draws: [Draw]
    var created_by: UUID?
    var created_at: String
    var balance: Int?

    init(_ movement: PointsMovement, balance: Int? = nil) {
        id = movement.id
        member_id = movement.memberID
        kind = movement.kind.rawValue
        points = movement.points
        source = movement.source
        reason = movement.reason
        reward = movement.reward
        purchase_id = movement.purchaseID
        expires_on = movement.expiresOn?.description
        draws = movement.draws.map { Draw(lot_id: $0.lotID, points: $0.points) }
        created_by = movement.createdBy
        created_at = RFC3339.utc(movement.createdAt)
        self.balance = balance
    }

    enum CodingKeys: String, CodingKey {
        case id, member_id, kind, points, source, reason, reward, purchase_id, expires_on, draws, created_by, created_at
        case balance
    }

    /// Every key is written, null where there is none; `balance` only on a redemption's or adjustment's answer.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(member_id, forKey: .member_id)
        try c.encode(kind, forKey: .kind)
        try c.encode(points, forKey: .points)
        try c.encode(source, forKey: .source)
        try c.encode(reason, forKey: .reason)
        try c.encode(reward, forKey: .reward)
        try c.encode(purchase_id, forKey: .purchase_id)
        try c.encode(expires_on, forKey: .expires_on)
        try c.encode(draws, forKey: .draws)
        try c.encode(created_by, forKey: .created_by)
        try c.encode(created_at, forKey: .created_at)
        try c.encodeIfPresent(balance, forKey: .balance)
    }
}
