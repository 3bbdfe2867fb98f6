import Foundation
import KefuCore

/// A `loyalty_members` row.
struct MemberRow: Codable {
    var id: UUID
    var customer_id: UUID
    var number: Int
    var tier: String
    var balance: Int
    var consent_at: Date
    var consent_by: UUID?
    var created_at: Date
    var updated_at: Date
    var referred_by: UUID?

    init(_ member: Member) {
        id = member.id
        customer_id = member.customerID
        number = member.sequence
        tier = member.tier
        balance = member.balance
        consent_at = member.consentAt
        consent_by = member.consentBy
        created_at = member.createdAt
        updated_at = member.updatedAt
        referred_by = member.referredBy
    }

    var member: Member {
        Member(
            id: id, customerID: customer_id, sequence: number, tier: tier, balance: balance, consentAt: consent_at,
            consentBy: consent_by, createdAt: created_at, updatedAt: updated_at, referredBy: referred_by)
    }
}

/// A `loyalty_movements` row (its draws are rows of their own).
struct MovementRow: Codable {
    var id: UUID
    var member_id: UUID
    var kind: String
    var points: Int
    var source: String
    var reason: String?
    var reward: String?
    var purchase_id: UUID?
    var expires_on: String?
    var created_by: UUID?
    var created_at: Date

    init(_ movement: PointsMovement) {
        id = movement.id
        member_id = movement.memberID
        kind = movement.kind.rawValue
        points = movement.points
        source = movement.source
        reason = movement.reason
        reward = movement.reward
        purchase_id = movement.purchaseID
        expires_on = movement.expiresOn?.description
        created_by = movement.createdBy
        created_at = movement.createdAt
    }

    func movement(draws: [PointsDraw]) throws -> PointsMovement {
        guard let kind = PointsMovement.Kind(rawValue: kind) else {
            throw StoreError.corrupt("Points movement \(id) has unknown kind \(kind)")
        }
        return PointsMovement(
            id: id, memberID: member_id, kind: kind, points: points, source: source, reason: reason, reward: reward,
            purchaseID: purchase_id, expiresOn: expires_on.flatMap(CalendarDay.init(dateOnly:)), draws: draws,
            createdBy: created_by, createdAt: created_at)
    }
}

/// A `loyalty_lots` row: points a movement added, and what is left of them.
struct LotRow: Codable {
    var id: UUID
    var member_id: UUID
    var points: Int
    var remaining: Int
    var expires_on: String
    var earned_at: Date

    func lot() throws -> PointsLedger.Lot {
        guard let day = CalendarDay(dateOnly: expires_on) else {
            throw StoreError.corrupt("Points lot \(id) expires on \(expires_on)")
        }
        return PointsLedger.Lot(id: id, remaining: remaining, expiresOn: day, earnedAt: earned_at)
    }
}

/// A `loyalty_draws` row.
struct DrawRow: Codable {
    var movement_id: UUID
    var lot_id: UUID
    var points: Int
}
