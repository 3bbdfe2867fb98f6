import Foundation
import KefuCore
import SQLKit

/// The points ledger's writes, inside a caller's transaction (issue 15 §2). Each appends one movement under its
/// unique `source` — a second write of the same source finds it stored and changes nothing, on any server —
/// draws its points from lots as `PointsLedger` says, and keeps the member's balance equal to the sum of the
/// movements. A member's movements take turns (`TransactionLock`; SQLite has one writer anyway).
enum LoyaltyLedger {
    /// The member of `customerID`, locked for this transaction; nil when the customer is not a member.
    static func member(ofCustomer customerID: UUID, on tx: any SQLDatabase) async throws -> Member? {
        guard
            let row = try await tx.select().column("*").from("loyalty_members").where("customer_id", .equal, customerID)
                .first(decoding: MemberRow.self)
        else { return nil }
        try await TransactionLock.take(["loyalty:" + row.id.uuidString], on: tx)
        return try await load(row.id, on: tx)
    }

    /// The member `id`, or `.notFound`.
    static func load(_ id: UUID, on tx: any SQLDatabase) async throws -> Member {
        guard
            let row = try await tx.select().column("*").from("loyalty_members").where("id", .equal, id)
                .first(decoding: MemberRow.self)
        else { throw DomainError.notFound(entity: "member", id: id.uuidString) }
        return row.member
    }

    /// The movement stored under `source`, with its draws.
    static func stored(source: String, on tx: any SQLDatabase) async throws -> PointsMovement? {
        guard
            let row = try await tx.select().column("*").from("loyalty_movements").where("source", .equal, source)
                .first(decoding: MovementRow.self)
        else { return nil }
        return try row.movement(draws: try await draws(of: [row.id], on: tx)[row.id] ?? [])
    }

    /// The draws of `movements`, by movement.
    static func draws(of movements: [UUID], on sql: any SQLDatabase) async throws -> [UUID: [PointsDraw]] {
        guard !movements.isEmpty else { return [:] }
        let rows = try await sql.select().column("*").from("loyalty_draws").where("movement_id", .in, movements)
            .orderBy("lot_id").all(decoding: DrawRow.self)
        return Dictionary(grouping: rows, by: \.movement_id).mapValues { rows in
            rows.map { PointsDraw(lotID: $0.lot_id, points: $0.points) }
        }
    }

    /// The member's lots with points left.
    static func openLots(_ memberID: UUID, on tx: any SQLDatabase) async throws -> [PointsLedger.Lot] {
        try await tx.select().column("*").from("loyalty_lots").where("member_id", .equal, memberID)
            .where("remaining", .greaterThan, 0).all(decoding: LotRow.self).map { try $0.lot() }
    }

    /// Appends `movement` unless its source is stored: its lot when it adds points (`expiresOn` set), its draws,
    /// and the member's new balance. Returns the stored movement and whether this call wrote it.
    static func append(_ movement: PointsMovement, on tx: any SQLDatabase) async throws -> (PointsMovement, Bool) {
        let inserted = try await tx.insert(into: "loyalty_movements").model(MovementRow(movement))
            .ignoringConflicts().returning("id").all()
        guard !inserted.isEmpty else {
            guard let stored = try await stored(source: movement.source, on: tx) else {
                throw StoreError.corrupt("a points movement conflicted, but none has the source \(movement.source)")
            }
            return (stored, false)
        }
        if let expiresOn = movement.expiresOn, movement.points > 0 {
            try await tx.insert(into: "loyalty_lots").model(
                LotRow(
                    id: movement.id, member_id: movement.memberID, points: movement.points,
                    remaining: movement.points, expires_on: expiresOn.description, earned_at: movement.createdAt)
            ).run()
        }
        for draw in movement.draws {
            try await tx.insert(into: "loyalty_draws").model(
                DrawRow(movement_id: movement.id, lot_id: draw.lotID, points: draw.points)
            ).run()
            try await tx.raw(
                "UPDATE loyalty_lots SET remaining = remaining - \(bind: draw.points) WHERE id = \(bind: draw.lotID)"
            ).run()
        }
        try await tx.raw(
            """
            UPDATE loyalty_members SET balance = balance + \(bind: movement.points), updated_at = \(bind: movement.createdAt)
            WHERE id = \(bind: movement.memberID)
            """
        ).run()
        return (movement, true)
    }

    /// The points `purchase` earns its customer when they are a member: a lot that lasts `points_valid_days`
    /// from the local day of the purchase, and one more for each bonus campaign covering it (its source
    /// `purchase:<id>:bonus:<campaign>`). Nothing for a refund, a non-member or a purchase that earns nothing.
    static func earn(
        _ purchase: Purchase, settings: BusinessSettings, on tx: any SQLDatabase, by attribution: Attribution
    ) async throws {
        guard !purchase.isRefund, let member = try await member(ofCustomer: purchase.customerID, on: tx) else {
            return
        }
        let rules = settings.loyalty
        let base = PointsLedger.earned(
            total: purchase.total, pointsPerUnit: rules.pointsPerUnit,
            multiplier: rules.tier(named: member.tier).multiplier)
        let source = "purchase:" + purchase.id.uuidString
        let lots =
            [(source, base, String?.none)]
            + rules.bonusCampaigns.map { campaign in
                (
                    source + ":bonus:" + campaign.id,
                    campaign.bonus(
                        total: purchase.total, at: purchase.purchasedAt, tier: member.tier, branch: purchase.branchID,
                        pointsPerUnit: rules.pointsPerUnit), campaign.name
                )
            }
        let expiresOn = PointsLedger.expiry(
            earnedOn: CalendarDay(purchase.purchasedAt, in: settings.zone), validDays: rules.pointsValidDays)
        for (source, points, reason) in lots where points > 0 {
            _ = try await append(
                PointsMovement(
                    id: TimeOrderedID.next(now: attribution.now), memberID: member.id, kind: .earn, points: points,
                    source: source, reason: reason, purchaseID: purchase.id, expiresOn: expiresOn,
                    createdBy: attribution.userID, createdAt: attribution.now), on: tx)
        }
        if let referrer = member.referredBy {
            try await rewardReferral(of: member, by: referrer, settings: settings, on: tx, attribution: attribution)
        }
        guard lots.contains(where: { $0.1 > 0 }) else { return }
        try await reviewTier(of: member, settings: settings, review: false, on: tx, by: attribution)
    }

    /// On a referred member's first purchase as a member: `referrer_points` to the member who referred them
    /// (`referral:<member>`, with `loyalty.referral_rewarded` on that customer's timeline) and `referee_points`
    /// to them (`referral-welcome:<member>`), each once — their sources are unique, so a later purchase finds
    /// them stored. The referrer enrolled earlier, so locks always run from the newer member to the older one.
    static func rewardReferral(
        of member: Member, by referrerID: UUID, settings: BusinessSettings, on tx: any SQLDatabase,
        attribution: Attribution
    ) async throws {
        let rules = settings.loyalty
        // Every later purchase finds a credit stored and stops here, before taking the referrer's lock.
        let sources = ["referral:" + member.id.uuidString, "referral-welcome:" + member.id.uuidString]
        guard rules.referral.referrerPoints > 0 || rules.referral.refereePoints > 0,
            try await tx.select().column("id").from("loyalty_movements").where("source", .in, sources).limit(1)
                .all().isEmpty
        else { return }
        let expiresOn = PointsLedger.expiry(
            earnedOn: CalendarDay(attribution.now, in: settings.zone), validDays: rules.pointsValidDays)
        func credit(_ memberID: UUID, _ points: Int, _ source: String, _ reason: String) async throws -> Bool {
            guard points > 0 else { return false }
            return try await append(
                PointsMovement(
                    id: TimeOrderedID.next(now: attribution.now), memberID: memberID, kind: .earn, points: points,
                    source: source + member.id.uuidString, reason: reason, expiresOn: expiresOn,
                    createdBy: attribution.userID, createdAt: attribution.now), on: tx
            ).1
        }
        try await TransactionLock.take(["loyalty:" + referrerID.uuidString], on: tx)
        let referrer = try await load(referrerID, on: tx)
        if try await credit(referrerID, rules.referral.referrerPoints, "referral:", "Referral of \(member.number)") {
            try await Timeline.append(
                on: tx, customerID: referrer.customerID, kind: "loyalty.referral_rewarded",
                summary: "\(rules.referral.referrerPoints) points for referring \(member.number)",
                data: [
                    "member_id": referrer.id.uuidString, "referee_id": member.id.uuidString,
                    "points": String(rules.referral.referrerPoints),
                ], attribution: attribution)
        }
        _ = try await credit(
            member.id, rules.referral.refereePoints, "referral-welcome:", "Joined with \(referrer.number)'s code")
    }

    /// Moves the member to the tier their 12-month spend or lifetime points qualify for, as
    /// `LoyaltySettings.tierChange` decides (up at once; down only at the yearly `review`), with a
    /// `loyalty.tier_changed` timeline event. Returns whether the tier changed.
    @discardableResult
    static func reviewTier(
        of member: Member, settings: BusinessSettings, review: Bool, on tx: any SQLDatabase,
        by attribution: Attribution
    ) async throws -> Bool {
        let (spend, points) = try await standing(of: member, now: attribution.now, on: tx)
        guard
            let tier = settings.loyalty.tierChange(from: member.tier, spend: spend, points: points, review: review)
        else { return false }
        try await tx.update("loyalty_members").set("tier", to: tier).set("updated_at", to: attribution.now)
            .where("id", .equal, member.id).run()
        try await assignCustomerTier(
            of: member.customerID, from: member.tier, to: tier, settings: settings, on: tx, by: attribution)
        try await Timeline.append(
            on: tx, customerID: member.customerID, kind: "loyalty.tier_changed",
            summary: "Member tier \(member.tier) → \(tier)",
            data: [
                "member_id": member.id.uuidString, "from": member.tier, "to": tier, "spend_12m": String(spend),
                "lifetime_points": String(points), "review": review ? "yearly" : "upgrade",
            ], attribution: attribution)
        return true
    }

    /// Gives the member's customer the customer tier their member tier carries (`LoyaltySettings.customerTier`),
    /// through the customer record's own update, so the SLA policies, the timeline and the audit see it.
    static func assignCustomerTier(
        of customerID: UUID, from old: String?, to new: String, settings: BusinessSettings, on tx: any SQLDatabase,
        by attribution: Attribution
    ) async throws {
        let row = try await CustomerRepository.load(customerID, on: tx)
        var profile = try row.customer().profile
        guard let assignment = settings.loyalty.customerTier(from: old, to: new, holding: profile.tier) else {
            return
        }
        profile.tier = assignment.tier
        _ = try await CustomerRepository.replace(row, with: profile, on: tx, by: attribution)
    }

    /// What a member's tier rests on: their spend over the last 12 months (refunds taken off) and the points they
    /// have earned since enrolment (reversals taken off).
    static func standing(of member: Member, now: Date, on tx: any SQLDatabase) async throws -> (
        spend: Int, points: Int
    ) {
        struct Sum: Decodable { var total: Int? }
        let since = now.addingTimeInterval(-365 * 86_400)
        let spend =
            try await tx.raw(
                """
                SELECT CAST(SUM(total) AS BIGINT) AS total FROM purchases
                WHERE customer_id = \(bind: member.customerID) AND purchased_at >= \(bind: since)
                """
            ).first(decoding: Sum.self)?.total ?? 0
        let points =
            try await tx.raw(
                """
                SELECT CAST(SUM(points) AS BIGINT) AS total FROM loyalty_movements
                WHERE member_id = \(bind: member.id) AND kind IN ('earn', 'reverse')
                """
            ).first(decoding: Sum.self)?.total ?? 0
        return (spend, points)
    }

    /// The points a round of imported purchases earns: one read finds which of their customers are members, and
    /// only their purchases earn, as `earn` does for one.
    static func earn(_ purchases: [Purchase], on tx: any SQLDatabase, by attribution: Attribution) async throws {
        let customers = Array(Set(purchases.filter { !$0.isRefund }.map(\.customerID)))
        guard !customers.isEmpty else { return }
        struct Found: Decodable { var customer_id: UUID }
        let members = Set(
            try await tx.select().column("customer_id").from("loyalty_members").where("customer_id", .in, customers)
                .all(decoding: Found.self).map(\.customer_id))
        guard !members.isEmpty else { return }
        let settings = try await SettingsRepository.read(on: tx)
        for purchase in purchases where members.contains(purchase.customerID) {
            try await earn(purchase, settings: settings, on: tx, by: attribution)
        }
    }

    /// Takes back what `refund` (already stored) refunds of the points `original` earned: first from the
    /// original's own lot, then from the member's other lots. Points already spent or expired elsewhere leave a
    /// shortfall the balance can cover only below zero: allowed by `allow_negative_balance`, else a 409 naming
    /// it, so the refund is not stored.
    static func reverse(
        _ refund: Purchase, of original: Purchase, settings: BusinessSettings, on tx: any SQLDatabase,
        by attribution: Attribution
    ) async throws {
        struct EarnedLot: Decodable { var id: UUID, points: Int }
        guard let member = try await member(ofCustomer: original.customerID, on: tx) else { return }
        // What the purchase earned: its own lot and any bonus campaign's.
        let earnedLots = try await tx.select().columns("id", "points").from("loyalty_movements")
            .where("purchase_id", .equal, original.id).where("kind", .equal, PointsMovement.Kind.earn.rawValue)
            .all(decoding: EarnedLot.self)
        guard !earnedLots.isEmpty else { return }
        let earned = earnedLots.reduce(0) { $0 + $1.points }
        let earnedIDs = Set(earnedLots.map(\.id))
        struct Sum: Decodable { var total: Int? }
        let refunded =
            try await tx.raw(
                "SELECT CAST(SUM(total) AS BIGINT) AS total FROM purchases WHERE refund_of = \(bind: original.id)"
            ).first(decoding: Sum.self)?.total ?? 0
        let reversed =
            try await tx.raw(
                "SELECT CAST(SUM(points) AS BIGINT) AS total FROM loyalty_movements WHERE kind = 'reverse' AND purchase_id = \(bind: original.id)"
            ).first(decoding: Sum.self)?.total ?? 0
        let expired =
            try await tx.raw(
                """
                SELECT CAST(SUM(d.points) AS BIGINT) AS total FROM loyalty_draws d JOIN loyalty_movements m ON m.id = d.movement_id
                WHERE m.kind = 'expire' AND d.lot_id IN (\(binds: Array(earnedIDs)))
                """
            ).first(decoding: Sum.self)?.total ?? 0
        let due = min(
            PointsLedger.reversal(earned: earned, total: original.total, refunded: -refunded, reversed: -reversed),
            earned - expired + reversed)
        guard due > 0 else { return }
        let today = CalendarDay(attribution.now, in: settings.zone)
        let lots = try await openLots(member.id, on: tx)
        let first = PointsLedger.draw(due, from: lots.filter { earnedIDs.contains($0.id) }, today: today)
        let rest = PointsLedger.draw(first.shortfall, from: lots.filter { !earnedIDs.contains($0.id) }, today: today)
        if rest.shortfall > 0, !settings.loyalty.allowNegativeBalance {
            throw DomainError.conflict(
                message:
                    "The refund takes back \(due) points of which \(rest.shortfall) are spent: it would leave the "
                    + "member's balance at \(member.balance - due). Adjust the points or allow negative balances.",
                field: "points", conflictingID: member.id)
        }
        _ = try await append(
            PointsMovement(
                id: TimeOrderedID.next(now: attribution.now), memberID: member.id, kind: .reverse, points: -due,
                source: "refund:" + refund.id.uuidString, purchaseID: original.id, draws: first.draws + rest.draws,
                createdBy: attribution.userID, createdAt: attribution.now), on: tx)
    }

    /// Spends `points` of the member's usable lots, earliest expiry first; a 409 naming the points available when
    /// they are fewer.
    static func spend(
        _ points: Int, kind: PointsMovement.Kind, source: String, reason: String?, reward: String? = nil,
        member: Member, settings: BusinessSettings, on tx: any SQLDatabase, by attribution: Attribution
    ) async throws -> (PointsMovement, Bool) {
        if let stored = try await stored(source: source, on: tx) { return (stored, false) }
        let lots = try await openLots(member.id, on: tx)
        let today = CalendarDay(attribution.now, in: settings.zone)
        let (draws, shortfall) = PointsLedger.draw(points, from: lots, today: today)
        guard shortfall == 0 else {
            throw DomainError.conflict(
                message: "Only \(points - shortfall) points can be spent; \(points) were asked for.", field: "points",
                conflictingID: nil)
        }
        return try await append(
            PointsMovement(
                id: TimeOrderedID.next(now: attribution.now), memberID: member.id, kind: kind, points: -points,
                source: source, reason: reason, reward: reward, draws: draws, createdBy: attribution.userID,
                createdAt: attribution.now), on: tx)
    }

    /// Expires what is left of every lot whose last day was before `today`, one movement per lot (`expiry:<lot>`).
    static func expire(before today: CalendarDay, on tx: any SQLDatabase, now: Date) async throws -> Int {
        let due = try await tx.select().column("*").from("loyalty_lots").where("remaining", .greaterThan, 0)
            .where("expires_on", .lessThan, today.description).orderBy("expires_on").orderBy("id")
            .all(decoding: LotRow.self)
        for lot in due {
            try await TransactionLock.take(["loyalty:" + lot.member_id.uuidString], on: tx)
            // What is left once the member's other writes are done.
            struct Left: Decodable { var remaining: Int }
            guard
                let left = try await tx.select().column("remaining").from("loyalty_lots").where("id", .equal, lot.id)
                    .first(decoding: Left.self)?.remaining, left > 0
            else { continue }
            _ = try await append(
                PointsMovement(
                    id: TimeOrderedID.next(now: now), memberID: lot.member_id, kind: .expire, points: -left,
                    source: "expiry:" + lot.id.uuidString, draws: [PointsDraw(lotID: lot.id, points: left)],
                    createdAt: now), on: tx)
        }
        return due.count
    }
}
