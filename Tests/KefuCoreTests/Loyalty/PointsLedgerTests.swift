import Foundation
import KefuCore
import Testing

@Suite("Points ledger arithmetic")
struct PointsLedgerTests {
    static let today = CalendarDay(year: 2026, month: 3, day: 1)!

    static func lot(_ remaining: Int, expires: Int, earned: TimeInterval = 0, id: UUID = UUID()) -> PointsLedger.Lot {
        PointsLedger.Lot(
            id: id, remaining: remaining, expiresOn: today.adding(days: expires),
            earnedAt: Date(timeIntervalSince1970: 1_770_000_000 + earned))
    }

    @Test func aPurchaseEarnsTheFloorOfItsUnitsTimesTheRates() {
        #expect(PointsLedger.earned(total: 3300, pointsPerUnit: 1, multiplier: 1) == 33)
        #expect(PointsLedger.earned(total: 3399, pointsPerUnit: 1, multiplier: 1) == 33)
        #expect(PointsLedger.earned(total: 3300, pointsPerUnit: 2, multiplier: 1.5) == 99)
        // 0.7 × 300.00 is 210 exactly; in binary floating point it is 209.99999999999997.
        #expect(PointsLedger.earned(total: 30_000, pointsPerUnit: 1, multiplier: 0.7) == 210)
        #expect(PointsLedger.earned(total: 99, pointsPerUnit: 1, multiplier: 1) == 0)
        #expect(PointsLedger.earned(total: -3300, pointsPerUnit: 1, multiplier: 1) == 0)
        #expect(PointsLedger.expiry(earnedOn: Self.today, validDays: 365).description == "2027-03-01")
    }

    @Test func drawsTakeTheEarliestExpiryFirstAndNeverAnExpiredLot() {
        let soon = Self.lot(5, expires: 3)
        let later = Self.lot(10, expires: 30)
        let expired = Self.lot(50, expires: -1)
        let empty = Self.lot(0, expires: 1)
        let drawn = PointsLedger.draw(8, from: [later, expired, empty, soon], today: Self.today)
        #expect(drawn.draws == [PointsDraw(lotID: soon.id, points: 5), PointsDraw(lotID: later.id, points: 3)])
        #expect(drawn.shortfall == 0)
        let short = PointsLedger.draw(20, from: [later, expired, soon], today: Self.today)
        #expect(short.shortfall == 5 && short.draws.map(\.points).reduce(0, +) == 15)
        // A lot is usable through its last day.
        #expect(PointsLedger.draw(1, from: [Self.lot(1, expires: 0)], today: Self.today).shortfall == 0)
    }

    @Test func refundsTogetherTakeBackExactlyWhatWasEarned() {
        #expect(PointsLedger.reversal(earned: 33, total: 3300, refunded: 900, reversed: 0) == 9)
        #expect(PointsLedger.reversal(earned: 33, total: 3300, refunded: 3300, reversed: 9) == 24)
        #expect(PointsLedger.reversal(earned: 33, total: 3300, refunded: 3300, reversed: 33) == 0)
        #expect(PointsLedger.reversal(earned: 0, total: 3300, refunded: 3300, reversed: 0) == 0)
        // Any split of a purchase into refunds reverses the points earned, once.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let total = Int.random(in: 100...1_000_000, using: &generator)
            let earned = PointsLedger.earned(total: total, pointsPerUnit: 1, multiplier: 1)
            var refunded = 0
            var reversed = 0
            while refunded < total {
                refunded = min(total, refunded + Int.random(in: 1...total, using: &generator))
                let step = PointsLedger.reversal(earned: earned, total: total, refunded: refunded, reversed: reversed)
                #expect(step >= 0)
                reversed += step
            }
            #expect(reversed == earned)
        }
    }

    @Test func drawingNeverOverdrawsALotAndCoversWhatItCan() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let lots = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                Self.lot(
                    Int.random(in: 0...50, using: &generator), expires: Int.random(in: -3...40, using: &generator),
                    earned: Double(Int.random(in: 0...1000, using: &generator)))
            }
            let asked = Int.random(in: 0...150, using: &generator)
            let (draws, shortfall) = PointsLedger.draw(asked, from: lots, today: Self.today)
            let usable = lots.filter { $0.expiresOn >= Self.today }.map(\.remaining).reduce(0, +)
            #expect(draws.map(\.points).reduce(0, +) + shortfall == asked)
            #expect(shortfall == max(0, asked - usable))
            for draw in draws {
                let lot = lots.first { $0.id == draw.lotID }
                #expect(lot != nil && draw.points > 0 && draw.points <= lot!.remaining && lot!.expiresOn >= Self.today)
            }
            // Earliest expiry first: no skipped usable lot expires before a drawn one.
            if let last = draws.last.flatMap({ draw in lots.first { $0.id == draw.lotID } }), shortfall == 0 {
                let untouched = lots.filter { lot in
                    lot.remaining > 0 && lot.expiresOn >= Self.today && !draws.contains { $0.lotID == lot.id }
                }
                #expect(untouched.allSatisfy { $0.expiresOn >= last.expiresOn })
            }
        }
    }

    @Test func memberNumbersAreEightDigitsAfterM() {
        let member = Member(
            id: UUID(), customerID: UUID(), sequence: 42, tier: "member", balance: 0, consentAt: Date(), consentBy: nil,
            createdAt: Date(), updatedAt: Date())
        #expect(member.number == "M00000042")
    }

    @Test func settingsAreCheckedAndOldOnesRead() throws {
        #expect(LoyaltySettings().validationErrors(customerTiers: CustomerRules.defaultTiers).isEmpty)
        let bad = LoyaltySettings(pointsPerUnit: 0, pointsValidDays: 0, tiers: [MemberTier(name: " ", multiplier: 0)])
        #expect(
            Set(bad.validationErrors(customerTiers: CustomerRules.defaultTiers).map(\.field)) == [
                "loyalty.points_per_unit", "loyalty.points_valid_days", "loyalty.tiers",
            ])
        let read = try JSONDecoder().decode(LoyaltySettings.self, from: Data(#"{"points_per_unit": 2}"#.utf8))
        #expect(read == LoyaltySettings(pointsPerUnit: 2))
        #expect(read.tier(named: "gone") == MemberTier(name: "member", multiplier: 1))
    }
}

@Suite("Member tiers")
struct MemberTierTests {
    static let settings = LoyaltySettings(tiers: [
        MemberTier(name: "member", multiplier: 1), MemberTier(name: "silver", multiplier: 1.2, minSpend12m: 5_000),
        MemberTier(name: "gold", multiplier: 2, minSpend12m: 50_000, minLifetimePoints: 300),
        MemberTier(name: "staff", multiplier: 1),
    ])

    @Test func theHighestTierEitherThresholdReachesQualifies() {
        let rules = Self.settings
        #expect(rules.qualifiedTier(spend: 0, points: 0)?.name == "member")
        #expect(rules.qualifiedTier(spend: 5_000, points: 0)?.name == "silver")
        #expect(rules.qualifiedTier(spend: 100, points: 300)?.name == "gold")
        #expect(rules.qualifiedTier(spend: 60_000, points: 0)?.name == "gold")
    }

    @Test func tiersGoUpAtOnceAndDownOnlyAtTheReview() {
        let rules = Self.settings
        #expect(rules.tierChange(from: "member", spend: 6_000, points: 0, review: false) == "silver")
        #expect(rules.tierChange(from: "gold", spend: 0, points: 0, review: false) == nil)
        #expect(rules.tierChange(from: "gold", spend: 0, points: 0, review: true) == "member")
        #expect(rules.tierChange(from: "silver", spend: 6_000, points: 0, review: true) == nil)
        // A tier given by hand stays until the review; a removed tier ranks lowest.
        #expect(rules.tierChange(from: "staff", spend: 6_000, points: 0, review: false) == nil)
        #expect(rules.tierChange(from: "platinum", spend: 0, points: 0, review: false) == "member")
        #expect(
            LoyaltySettings(tiers: [MemberTier(name: "m", multiplier: 1, minSpend12m: -1)]).validationErrors(
                customerTiers: [])
                .map(\.code) == ["out_of_range"])
    }

    @Test func aTiersServiceLevelFollowsTheMemberAndStaffChoicesStay() throws {
        let rules = LoyaltySettings(tiers: [
            MemberTier(name: "member", multiplier: 1),
            MemberTier(name: "silver", multiplier: 1, minSpend12m: 5_000, slaTier: "gold"),
            MemberTier(name: "gold", multiplier: 2, minSpend12m: 50_000, slaTier: "VIP", queueClass: .vip),
        ])
        // Entering a tier that names a service level gives it (nil: already held).
        #expect(rules.customerTier(from: "member", to: "gold", holding: nil) == CustomerTierAssignment(tier: "VIP"))
        #expect(rules.customerTier(from: "silver", to: "gold", holding: "VIP") == nil)
        // Leaving it for a tier that names none takes away only what the old tier gave.
        #expect(rules.customerTier(from: "gold", to: "member", holding: "VIP") == CustomerTierAssignment(tier: nil))
        #expect(rules.customerTier(from: "gold", to: "member", holding: "standard") == nil)
        #expect(rules.customerTier(from: nil, to: "member", holding: "standard") == nil)
        #expect(rules.validationErrors(customerTiers: CustomerRules.defaultTiers).isEmpty)
        #expect(
            rules.validationErrors(customerTiers: ["standard"]).map(\.code) == ["unknown_tier"])
        let decoded = try JSONDecoder().decode(
            MemberTier.self,
            from: Data(#"{"name": "g", "multiplier": 1, "sla_tier": "VIP", "queue_class": "vip"}"#.utf8))
        #expect(decoded.slaTier == "VIP" && decoded.queueClass == .vip)
    }

    @Test func aBonusCampaignCoversItsWindowTiersBranchesAndMinimum() {
        let branch = UUID()
        let campaign = BonusCampaign(
            id: "cny", name: "春节", from: "2026-02-14T00:00:00+08:00", to: "2026-02-24T00:00:00+08:00",
            multiplier: 0.5, extraPoints: 10, minTotal: 1_000, tiers: ["gold"], branches: [branch])
        let inside = RFC3339.date("2026-02-13T16:00:00Z")!
        let bonus = { (total: Int, at: Date, tier: String, branch: UUID?) in
            campaign.bonus(total: total, at: at, tier: tier, branch: branch, pointsPerUnit: 2)
        }
        // floor(3333 / 100 × 2 × 0.5) + 10.
        #expect(bonus(3_333, inside, "gold", branch) == 43)
        #expect(bonus(3_333, inside.addingTimeInterval(-1), "gold", branch) == 0)
        #expect(bonus(3_333, RFC3339.date("2026-02-24T00:00:00+08:00")!, "gold", branch) == 0)
        #expect(bonus(999, inside, "gold", branch) == 0)
        #expect(bonus(3_333, inside, "member", branch) == 0)
        #expect(bonus(3_333, inside, "gold", nil) == 0)
        #expect(bonus(-3_333, inside, "gold", branch) == 0)
        let rules = LoyaltySettings(
            tiers: [MemberTier(name: "member", multiplier: 1)], bonusCampaigns: [campaign, campaign])
        #expect(
            Set(rules.validationErrors(customerTiers: []).map(\.field)) == [
                "loyalty.bonus_campaigns", "loyalty.bonus_campaigns[0].tiers", "loyalty.bonus_campaigns[1].tiers",
            ])
    }
}
