import Foundation
import KefuCore
import Testing

@Suite("Lifecycle stage from purchases")
struct PurchaseStageTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let day: TimeInterval = 86_400
    let rules = PurchaseSettings()

    @Test func newThenReturningOnTheSecondThenLoyalFromTheConfiguredCount() {
        let recent = Self.now.addingTimeInterval(-Self.day)
        #expect(rules.stage(purchases: 0, lastPurchasedAt: nil, now: Self.now) == .new)
        #expect(rules.stage(purchases: 1, lastPurchasedAt: recent, now: Self.now) == .new)
        #expect(rules.stage(purchases: 2, lastPurchasedAt: recent, now: Self.now) == .returning)
        #expect(rules.stage(purchases: 4, lastPurchasedAt: recent, now: Self.now) == .returning)
        #expect(rules.stage(purchases: 5, lastPurchasedAt: recent, now: Self.now) == .loyal)
        let strict = PurchaseSettings(loyalAfter: 10)
        #expect(strict.stage(purchases: 9, lastPurchasedAt: recent, now: Self.now) == .returning)
        #expect(strict.stage(purchases: 10, lastPurchasedAt: recent, now: Self.now) == .loyal)
    }

    @Test func gapsSinceTheLastPurchaseMakeAtRiskThenLost() {
        func stage(afterDays days: Double, purchases: Int = 7) -> LifecycleStage {
            rules.stage(
                purchases: purchases, lastPurchasedAt: Self.now.addingTimeInterval(-days * Self.day), now: Self.now)
        }
        #expect(stage(afterDays: 89.99) == .loyal)
        #expect(stage(afterDays: 90) == .atRisk)
        #expect(stage(afterDays: 179.99) == .atRisk)
        #expect(stage(afterDays: 180) == .lost)
        #expect(stage(afterDays: 400, purchases: 1) == .lost)
        // The same purchases, asked again later: what the periodic re-check will do.
        let last = Self.now
        #expect(
            rules.stage(purchases: 2, lastPurchasedAt: last, now: last.addingTimeInterval(100 * Self.day)) == .atRisk)
    }

    @Test func settingsAreValidatedAndReadWithDefaults() throws {
        #expect(PurchaseSettings().validationErrors().isEmpty)
        let bad = PurchaseSettings(loyalAfter: 2, atRiskDays: 0, lostDays: 0)
        #expect(
            bad.validationErrors().map(\.field) == [
                "purchases.loyal_after", "purchases.at_risk_days", "purchases.lost_days",
            ])
        #expect(
            PurchaseSettings(atRiskDays: 90, lostDays: 90).validationErrors().map(\.field) == ["purchases.lost_days"])
        let partial = try JSONDecoder().decode(PurchaseSettings.self, from: Data(#"{"loyal_after": 8}"#.utf8))
        #expect(partial == PurchaseSettings(loyalAfter: 8))
        var settings = BusinessSettings()
        settings.purchases.lostDays = 10
        #expect(settings.validationErrors().map(\.field) == ["purchases.lost_days"])
    }
}
