import Foundation
import Testing

@testable import KefuCore

/// The effectiveness report's cells, the holdout comparison worked by hand.
@Suite struct PromotionEffectReportTests {
    static func column(_ report: Report, _ key: String, row: Int = 0) -> ReportValue {
        report.rows[row][report.column(key)!.index]
    }

    @Test func withoutAHoldoutTheComparisonIsEmptyAndNoNewCustomerMeansNoAcquisitionCost() {
        let effect = PromotionEffect(
            promotion: "m300", kind: "threshold", holdoutPercent: 0, redemptions: 3, customers: 2, discountCost: 1500,
            revenue: 30000, newCustomers: 0, satisfaction: 4.333)
        let report = PromotionEffectReport.report([effect], customerRevenue: [UUID(): 100])
        #expect(report.name == "promotions" && report.chart == nil)
        #expect(report.rows[0].count == report.columns.count)
        #expect(Self.column(report, "kind") == .text("threshold"))
        #expect(Self.column(report, "acquisition_cost") == .empty)
        #expect(Self.column(report, "satisfaction") == .decimal(4.33))
        for key in [
            "treatment_customers", "holdout_customers", "revenue_per_treatment_customer",
            "revenue_per_holdout_customer", "incremental_revenue",
        ] {
            #expect(Self.column(report, key) == .empty, "\(key)")
        }
    }

    @Test func theIncrementIsTheDifferenceOfMeansTimesTheTreatedCustomers() {
        let customers = (1...40).map { PromotionHoldoutTests.customer($0) }
        let held = customers.filter { PromotionHoldout.isHeldOut(promotion: "h", customer: $0, percent: 50) }
        let treated = customers.filter { !held.contains($0) }
        try? #require(!held.isEmpty && !treated.isEmpty)
        // Treated customers spent 300 each, held-out ones 100 (one of them 100 and a refund netted to 0).
        var revenue = Dictionary(uniqueKeysWithValues: treated.map { ($0, 300) } + held.map { ($0, 100) })
        revenue[held[0]] = 0
        let effect = PromotionEffect(
            promotion: "h", kind: "percent_off", holdoutPercent: 50, redemptions: 5, customers: 5, discountCost: 1001,
            revenue: 1500, newCustomers: 2)
        let report = PromotionEffectReport.report([effect], customerRevenue: revenue)
        let heldMean = Double(100 * (held.count - 1)) / Double(held.count)
        #expect(Self.column(report, "acquisition_cost") == .integer(501))
        #expect(Self.column(report, "treatment_customers") == .integer(treated.count))
        #expect(Self.column(report, "holdout_customers") == .integer(held.count))
        #expect(Self.column(report, "revenue_per_treatment_customer") == .integer(300))
        #expect(Self.column(report, "revenue_per_holdout_customer") == .whole(heldMean))
        #expect(Self.column(report, "incremental_revenue") == .whole((300 - heldMean) * Double(treated.count)))
        #expect(Self.column(report, "satisfaction") == .empty)
    }

    @Test func anEmptyGroupLeavesItsMeanAndTheIncrementEmpty() {
        let effect = PromotionEffect(promotion: "h", kind: "gift", holdoutPercent: 10)
        let report = PromotionEffectReport.report([effect], customerRevenue: [:])
        #expect(Self.column(report, "treatment_customers") == .integer(0))
        #expect(Self.column(report, "revenue_per_treatment_customer") == .empty)
        #expect(Self.column(report, "incremental_revenue") == .empty)
    }
}
