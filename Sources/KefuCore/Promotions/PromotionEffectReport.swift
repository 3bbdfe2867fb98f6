public import Foundation

/// The promotion effectiveness report (issue 15 §4): one row per promotion with its redemptions, discount cost,
/// revenue, new customers and acquisition cost (discount cost per new customer), its customers' satisfaction, and —
/// for a promotion with a holdout — the period's customers split by `PromotionHoldout` into treatment and holdout,
/// the mean revenue per customer of each, and the incremental revenue (mean treatment − mean holdout) × treatment
/// customers. A table without a chart.
public enum PromotionEffectReport {
    public static let name = "promotions"

    /// `customerRevenue` holds every customer with a purchase in the period and the net revenue (refunds taken off)
    /// of all their purchases in it.
    public static func report(_ effects: [PromotionEffect], customerRevenue: [UUID: Int]) -> Report {
        Report(
            name: name,
            columns: [
                .named("promotion", .text), .named("kind", .text, valuePrefix: "promotion.kind."),
                .named("redemptions", .count), .named("customers", .count), .named("discount_cost", .money),
                .named("revenue", .money), .named("new_customers", .count), .named("acquisition_cost", .money),
                .named("holdout_percent", .count), .named("treatment_customers", .count),
                .named("holdout_customers", .count), .named("revenue_per_treatment_customer", .money),
                .named("revenue_per_holdout_customer", .money), .named("incremental_revenue", .money),
                .named("satisfaction", .score),
            ],
            rows: effects.map { effect in
                let counted: [ReportValue] = [
                    .text(effect.promotion), .text(effect.kind), .integer(effect.redemptions),
                    .integer(effect.customers), .integer(effect.discountCost), .integer(effect.revenue),
                    .integer(effect.newCustomers), acquisitionCost(effect), .integer(effect.holdoutPercent),
                ]
                return counted + holdoutCells(effect, customerRevenue) + [.score(effect.satisfaction)]
            })
    }

    /// The discount cost per new customer, empty without one.
    static func acquisitionCost(_ effect: PromotionEffect) -> ReportValue {
        effect.newCustomers == 0 ? .empty : .whole(Double(effect.discountCost) / Double(effect.newCustomers))
    }

    /// Treatment and holdout customers, the mean revenue of each and the incremental revenue; empty cells without a
    /// holdout, and means (and so the increment) empty for a group without customers.
    static func holdoutCells(_ effect: PromotionEffect, _ customerRevenue: [UUID: Int]) -> [ReportValue] {
        guard effect.holdoutPercent > 0 else { return Array(repeating: .empty, count: 5) }
        var treatment: [Int] = []
        var holdout: [Int] = []
        for (customer, revenue) in customerRevenue {
            if PromotionHoldout.isHeldOut(
                promotion: effect.promotion, customer: customer, percent: effect.holdoutPercent)
            {
                holdout.append(revenue)
            } else {
                treatment.append(revenue)
            }
        }
        func mean(_ values: [Int]) -> Double? {
            values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
        }
        let treated = mean(treatment)
        let held = mean(holdout)
        let increment = treated.flatMap { t in held.map { (t - $0) * Double(treatment.count) } }
        return [
            .integer(treatment.count), .integer(holdout.count), treated.map(ReportValue.whole) ?? .empty,
            held.map(ReportValue.whole) ?? .empty, increment.map(ReportValue.whole) ?? .empty,
        ]
    }
}
