import Foundation
import Testing

@testable import KefuCore

/// The holdout hash: pinned, stable, in range, roughly uniform, and monotone in the percentage.
@Suite struct PromotionHoldoutTests {
    static let first = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!

    /// The `n`th of a run of customer ids, as a shop's would differ: in their last bytes.
    static func customer(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "6F9619FF-8B86-D011-B42D-%012X", n))!
    }

    @Test func theBucketIsFNV1aOfTheIDAndTheLowercasedCustomerModulo100() {
        // FNV-1a 64 of "m300:00000000-0000-0000-0000-000000000001" is 0x7e55ecd4cccb0712.
        #expect(PromotionHoldout.bucket(promotion: "m300", customer: Self.first) == 0x7e55_ecd4_cccb_0712 % 100)
        #expect(PromotionHoldout.bucket(promotion: "m300", customer: Self.first) == 66)
        #expect(PromotionHoldout.isHeldOut(promotion: "m300", customer: Self.first, percent: 50) == false)
        #expect(PromotionHoldout.isHeldOut(promotion: "m300", customer: Self.first, percent: 67))
    }

    @Test func theBucketIsStableAndDependsOnThePromotion() {
        let customer = Self.customer(42)
        let once = PromotionHoldout.bucket(promotion: "spring", customer: customer)
        #expect((0..<100).contains(once))
        #expect(PromotionHoldout.bucket(promotion: "spring", customer: customer) == once)
        let others = (0..<20).map { PromotionHoldout.bucket(promotion: "p\($0)", customer: customer) }
        #expect(Set(others).count > 10, "another promotion draws another group")
    }

    @Test func aHoldoutTakesAboutItsShareAndNothingAtZero() {
        let customers = (0..<10_000).map(Self.customer)
        for percent in [10, 30, 50] {
            let held = customers.count { PromotionHoldout.isHeldOut(promotion: "m300", customer: $0, percent: percent) }
            #expect(abs(held - percent * 100) < 300, "\(percent)%: \(held) of 10000")
        }
        #expect(!customers.contains { PromotionHoldout.isHeldOut(promotion: "m300", customer: $0, percent: 0) })
        var counts = [Int](repeating: 0, count: 10)
        for customer in customers { counts[PromotionHoldout.bucket(promotion: "x", customer: customer) / 10] += 1 }
        #expect(counts.allSatisfy { (800...1200).contains($0) }, "\(counts)")
        let some = customers.prefix(500)
        for customer in some where PromotionHoldout.isHeldOut(promotion: "m300", customer: customer, percent: 20) {
            #expect(PromotionHoldout.isHeldOut(promotion: "m300", customer: customer, percent: 40))
        }
    }
}
