public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Loyalty members and their points (issue 15 §1–2): enrolment, reading a member and their ledger, and the two
/// movements staff make — redemptions (idempotent on the client's key) and managers' adjustments. Purchases earn
/// and refunds take back inside `PurchaseRepository`'s transactions; `LoyaltyExpiry` expires lots daily. Each
/// write is a unit of the group commit, with an audit row.
public struct LoyaltyRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }
    private let writes: GroupCommit
    private let settings: SettingsRepository

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        writes = database.writes
        settings = SettingsRepository(database)
    }

    /// A movement as stored, and whether this call stored it.
    public struct Posted: Sendable, Equatable {
        public var movement: PointsMovement
        public var created: Bool
        public var member: Member
    }

    public static let maxKeyLength = 200
    public static let maxReasonLength = 500

    /// Enrols the customer, their consent recorded as taken by the caller, in the lowest tier with a new
    /// number. An unknown customer is a 400 naming `customer_id`; a member already, a 409 naming the membership.
    public func enrol(customerID: UUID, referralCode: String? = nil, by attribution: Attribution) async throws
        -> Member
    {
        let business = try await settings.get()
        let code = referralCode?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let unknownCode = DomainError.invalid([
            FieldError(
                field: "referral_code", code: "unknown_referral",
                message: "No member has the referral code \"\(code)\".")
        ])
        let referrerSequence = Member.sequence(of: code)
        if !code.isEmpty, referrerSequence == nil { throw unknownCode }
        return try await writes.write { tx in
            do {
                _ = try await CustomerRepository.load(customerID, on: tx)
            } catch DomainError.notFound, DomainError.merged {
                throw DomainError.invalid([
                    FieldError(field: "customer_id", code: "unknown_customer", message: "No such customer.")
                ])
            }
            var referrer: UUID?
            if let referrerSequence {
                struct Found: Decodable { var id: UUID }
                guard
                    let found = try await tx.select().column("id").from("loyalty_members")
                        .where("number", .equal, referrerSequence).first(decoding: Found.self)
                else { throw unknownCode }
                referrer = found.id
            }
            try await TransactionLock.take(["loyalty-enrol:" + customerID.uuidString], on: tx)
            if let existing = try await LoyaltyLedger.member(ofCustomer: customerID, on: tx) {
                throw DomainError.conflict(
                    message: "The customer is a member already (\(existing.number)).", field: "customer_id",
                    conflictingID: existing.id)
            }
            let member = Member(
                id: TimeOrderedID.next(now: attribution.now), customerID: customerID,
                sequence: Int(try await Sequences.next("loyalty_member", on: tx)),
                tier: business.loyalty.tiers.first?.name ?? "member", balance: 0, consentAt: attribution.now,
                consentBy: attribution.userID, createdAt: attribution.now, updatedAt: attribution.now,
                referredBy: referrer)
            try await tx.insert(into: "loyalty_members").model(MemberRow(member)).run()
            try await LoyaltyLedger.assignCustomerTier(
                of: customerID, from: nil, to: member.tier, settings: business, on: tx, by: attribution)
            try await Timeline.append(
                on: tx, customerID: customerID, kind: "loyalty.enrolled",
                summary: "Joined the loyalty program as \(member.number)",
                data: [
                    "member_id": member.id.uuidString, "number": member.number, "tier": member.tier,
                    "referred_by": referrer?.uuidString ?? "",
                ], attribution: attribution)
            try await AuditLog.record(
                on: tx, attribution, action: "loyalty.enrol", entityType: "loyalty_member",
                entityID: member.id.uuidString,
                changes: [
                    "customer_id": .init(before: nil, after: customerID.uuidString),
                    "number": .init(before: nil, after: member.number),
                ])
            return member
        }
    }

    /// The loyalty settings in force: how members earn and what their tiers give.
    public func rules() async throws -> LoyaltySettings { try await settings.get().loyalty }

    /// The member, or `.notFound`.
    public func get(_ id: UUID) async throws -> Member { try await LoyaltyLedger.load(id, on: db.sql) }

    /// The membership of a customer, if any.
    public func member(ofCustomer customerID: UUID) async throws -> Member? {
        try await db.sql.select().column("*").from("loyalty_members").where("customer_id", .equal, customerID)
            .first(decoding: MemberRow.self)?.member
    }

    /// What the member's tier rests on: 12-month spend and lifetime points (`LoyaltyLedger.standing`).
    public func standing(of member: Member, now: Date) async throws -> (spend: Int, points: Int) {
        try await LoyaltyLedger.standing(of: member, now: now, on: db.sql)
    }

    /// Members, newest first; `number` finds one by its member number (`M00000042` or `42`).
    public func list(number: String? = nil, limit: Int, cursor: PageCursor?) async throws -> KefuCore.Page<Member> {
        var query = db.sql.select().column("*").from("loyalty_members")
        if let number = number?.trimmingCharacters(in: .whitespacesAndNewlines), !number.isEmpty {
            query = query.where("number", .equal, Member.sequence(of: number) ?? -1)
        }
        return try await query.page(
            MemberRow.self, column: "created_at", descending: true, limit: limit, cursor: cursor,
            key: { PageCursor(value: .date($0.created_at), id: $0.id) }, map: { $0.member })
    }

    /// The member's movements, newest first (`.notFound` for an unknown member).
    public func ledger(_ memberID: UUID, limit: Int, cursor: PageCursor?) async throws -> KefuCore.Page<PointsMovement>
    {
        let sql = db.sql
        _ = try await LoyaltyLedger.load(memberID, on: sql)
        let page = try await sql.select().column("*").from("loyalty_movements").where("member_id", .equal, memberID)
            .page(
                MovementRow.self, column: "created_at", descending: true, limit: limit, cursor: cursor,
                key: { PageCursor(value: .date($0.created_at), id: $0.id) }, map: { $0 })
        let draws = try await LoyaltyLedger.draws(of: page.items.map(\.id), on: sql)
        return KefuCore.Page(
            items: try page.items.map { try $0.movement(draws: draws[$0.id] ?? []) }, nextCursor: page.nextCursor)
    }

    /// Spends `points` (≥ 1), or the price of `reward` (one of `loyalty.rewards`: a discount or a gift, named on
    /// the movement, its name the default reason). The same `key` again answers the stored redemption and
    /// writes nothing (with other points or another reward, a 409); more points than can be spent, a 409.
    public func redeem(
        _ memberID: UUID, points: Int?, reward rewardID: String? = nil, key: String, reason: String?,
        by attribution: Attribution
    ) async throws -> Posted {
        let key = key.trimmingCharacters(in: .whitespacesAndNewlines)
        let business = try await settings.get()
        let reward = rewardID.flatMap(business.loyalty.reward)
        var errors: [FieldError] = []
        if let rewardID, reward == nil {
            errors.append(
                FieldError(field: "reward", code: "unknown_reward", message: "No reward \"\(rewardID)\" is offered."))
        } else if let reward, let points, points != reward.points {
            errors.append(
                FieldError(
                    field: "points", code: "reward_price",
                    message: "\(reward.name) costs \(reward.points) points, not \(points)."))
        } else if reward == nil, (points ?? 0) < 1 {
            errors.append(FieldError(field: "points", code: "out_of_range", message: "Redeem at least 1 point."))
        }
        if key.isEmpty || key.count > Self.maxKeyLength {
            errors.append(
                FieldError(
                    field: "idempotency_key", code: "required",
                    message: "Give an idempotency_key of 1–\(Self.maxKeyLength) characters."))
        }
        errors += Self.reasonErrors(reason, required: false)
        guard errors.isEmpty, let points = reward?.points ?? points else { throw DomainError.invalid(errors) }
        let reason =
            reason.flatMap {
                $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    ? nil : $0.trimmingCharacters(in: .whitespacesAndNewlines)
            } ?? reward?.name
        return try await writes.write { tx in
            let member = try await Self.locked(memberID, on: tx)
            let (movement, created) = try await LoyaltyLedger.spend(
                points, kind: .redeem, source: "redemption:\(memberID.uuidString):\(key)", reason: reason,
                reward: reward?.id, member: member, settings: business, on: tx, by: attribution)
            guard movement.kind == .redeem, movement.memberID == memberID, -movement.points == points,
                movement.reward == reward?.id
            else {
                throw DomainError.conflict(
                    message: "This idempotency_key was used for another redemption.", field: "idempotency_key",
                    conflictingID: movement.id)
            }
            if created {
                try await Self.audit("loyalty.redeem", movement, on: tx, by: attribution)
            }
            return Posted(movement: movement, created: created, member: try await LoyaltyLedger.load(memberID, on: tx))
        }
    }

    /// A manager's correction with its reason: positive points add a lot lasting `points_valid_days`, negative
    /// ones are drawn like a redemption (a 409 when fewer can be).
    public func adjust(_ memberID: UUID, points: Int, reason: String, by attribution: Attribution) async throws
        -> Posted
    {
        var errors = Self.reasonErrors(reason, required: true)
        if points == 0 || abs(points) > 100_000_000 {
            errors.append(
                FieldError(
                    field: "points", code: "out_of_range", message: "Adjust by a non-zero number of points."))
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        let business = try await settings.get()
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await writes.write { tx in
            let member = try await Self.locked(memberID, on: tx)
            let id = TimeOrderedID.next(now: attribution.now)
            let source = "adjustment:" + id.uuidString
            let movement: PointsMovement
            if points > 0 {
                movement = try await LoyaltyLedger.append(
                    PointsMovement(
                        id: id, memberID: memberID, kind: .adjust, points: points, source: source, reason: reason,
                        expiresOn: PointsLedger.expiry(
                            earnedOn: CalendarDay(attribution.now, in: business.zone),
                            validDays: business.loyalty.pointsValidDays),
                        createdBy: attribution.userID, createdAt: attribution.now), on: tx
                ).0
            } else {
                movement = try await LoyaltyLedger.spend(
                    -points, kind: .adjust, source: source, reason: reason, member: member, settings: business,
                    on: tx, by: attribution
                ).0
            }
            try await Self.audit("loyalty.adjust", movement, on: tx, by: attribution)
            return Posted(movement: movement, created: true, member: try await LoyaltyLedger.load(memberID, on: tx))
        }
    }

    private static func locked(_ memberID: UUID, on tx: any SQLDatabase) async throws -> Member {
        try await TransactionLock.take(["loyalty:" + memberID.uuidString], on: tx)
        return try await LoyaltyLedger.load(memberID, on: tx)
    }

    private static func reasonErrors(_ reason: String?, required: Bool) -> [FieldError] {
        let text = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if required && text.isEmpty {
            return [FieldError(field: "reason", code: "required", message: "Say why.")]
        }
        if text.count > maxReasonLength {
            return [
                FieldError(
                    field: "reason", code: "too_long", message: "Keep the reason under \(maxReasonLength) characters.")
            ]
        }
        return []
    }

    private static func audit(
        _ action: String, _ movement: PointsMovement, on tx: any SQLDatabase, by attribution: Attribution
    ) async throws {
        var changes: [String: AuditEntry.FieldChange] = [
            "points": .init(before: nil, after: String(movement.points)),
            "source": .init(before: nil, after: movement.source),
        ]
        if let reason = movement.reason { changes["reason"] = .init(before: nil, after: reason) }
        try await AuditLog.record(
            on: tx, attribution, action: action, entityType: "loyalty_member",
            entityID: movement.memberID.uuidString, changes: changes)
    }
}

/// `loyalty.expiry`, a daily job (`DailyJobs`): what is left of each lot whose last day has passed expires, one
/// movement per lot, exact to the day in the business's time zone.
public enum LoyaltyExpiry {
    public static let kind = "loyalty.expiry"

    /// Expires the lots whose last day was before the job's local today.
    public static func run(_ day: CalendarDay, _ job: JobTransaction) async throws {
        let zone = try await SettingsRepository.read(on: job.sql).zone
        _ = try await LoyaltyLedger.expire(before: CalendarDay(job.now, in: zone), on: job.sql, now: job.now)
    }
}

/// `loyalty.tier_review`, a daily job (`DailyJobs`): on the anniversary of their enrolment (29 February counts on
/// 28 February in other years), each member moves to the tier their last 12 months' spend or lifetime points
/// qualify for — down as well as up; between reviews a tier only goes up, as purchases are earned.
public enum LoyaltyTierReview {
    public static let kind = "loyalty.tier_review"

    public static func run(_ day: CalendarDay, _ job: JobTransaction) async throws {
        _ = try await review(on: job.sql, today: day, now: job.now)
    }

    /// Reviews the members whose enrolment anniversary is `today`; returns how many changed tier.
    static func review(on sql: any SQLDatabase, today: CalendarDay, now: Date) async throws -> Int {
        let settings = try await SettingsRepository.read(on: sql)
        let attribution = Attribution.system(kind, now: now)
        var changed = 0
        for row in try await sql.select().column("*").from("loyalty_members").orderBy("id")
            .all(decoding: MemberRow.self)
        {
            let enrolled = CalendarDay(row.created_at, in: settings.zone)
            guard enrolled.year < today.year, Self.anniversary(of: enrolled, in: today.year) == today else { continue }
            try await TransactionLock.take(["loyalty:" + row.id.uuidString], on: sql)
            if try await LoyaltyLedger.reviewTier(
                of: row.member, settings: settings, review: true, on: sql, by: attribution)
            {
                changed += 1
            }
        }
        return changed
    }

    /// The day in `year` that is the anniversary of `day`.
    static func anniversary(of day: CalendarDay, in year: Int) -> CalendarDay? {
        CalendarDay(year: year, month: day.month, day: day.day) ?? CalendarDay(year: year, month: 2, day: 28)
    }
}
