import FluentKit
import Foundation
public import KefuCore
import SQLKit

/// The figures of the promotion effectiveness report (issue 15 §4) for a period of purchases (the filter's, in the
/// business's time zone), on both engines: the promotions stored by the period's end, what the period's purchases
/// that used each came to (refunds are not redemptions), each customer's net revenue in the period for the holdout
/// comparison, and the mean CSAT of each promotion's customers — a few grouped queries however many purchases.
public struct PromotionEffects: Sendable {
    private let source: DatabaseSource
    private let settings: SettingsRepository

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        settings = SettingsRepository(database)
    }

    public func report(filter: ReportFilter) async throws -> Report {
        let sql = source.db.sql
        let period = filter.interval(in: try await settings.get().zone)
        let used = try await Self.redemptions(period, on: sql)
        let satisfaction = try await Self.satisfaction(period, on: sql)
        let effects = try await Self.promotions(storedBy: period.upperBound, on: sql).map { promotion in
            var effect = promotion
            if let figures = used[effect.promotion] {
                effect.redemptions = figures.redemptions
                effect.customers = figures.customers
                effect.discountCost = Int(figures.discount)
                effect.revenue = Int(figures.revenue)
                effect.newCustomers = figures.new_customers
            }
            effect.satisfaction = satisfaction[effect.promotion]
            return effect
        }
        let revenue = effects.contains { $0.holdoutPercent > 0 } ? try await Self.customerRevenue(period, on: sql) : [:]
        return PromotionEffectReport.report(effects, customerRevenue: revenue)
    }

    /// The promotions made before `end`, by id, with nothing counted yet.
    private static func promotions(storedBy end: Date, on sql: any SQLDatabase) async throws -> [PromotionEffect] {
        try await sql.select().column("*").from("promotions").where("created_at", .lessThan, SQLBind(end))
            .orderBy("code").all(decoding: PromotionRepository.Row.self).map { row in
                let stored = try row.stored()
                return PromotionEffect(
                    promotion: stored.promotion.id, kind: stored.promotion.kind.name,
                    holdoutPercent: stored.holdoutPercent)
            }
    }

    /// The purchases of `period` that used a promotion and were no refund.
    private static func used(_ period: Range<Date>) -> SQLQueryString {
        """
        purchase_promotions pp JOIN purchases p ON p.id = pp.purchase_id WHERE p.refund_of IS NULL \
        AND p.purchased_at >= \(bind: period.lowerBound) AND p.purchased_at < \(bind: period.upperBound)
        """
    }

    struct Redemptions: Decodable {
        var code: String
        var redemptions: Int
        var customers: Int
        var discount: Int64
        var revenue: Int64
        var new_customers: Int
    }

    /// Per promotion code: redemptions, distinct customers, Σ discount, Σ total, and the customers for whom the
    /// purchase was their first (no purchase before it, ties broken by id as the ids are time-ordered).
    private static func redemptions(_ period: Range<Date>, on sql: any SQLDatabase) async throws -> [String:
        Redemptions]
    {
        let rows = try await sql.raw(
            """
            SELECT pp.promotion_code AS code, COUNT(*) AS redemptions, COUNT(DISTINCT p.customer_id) AS customers,
            CAST(SUM(pp.discount) AS BIGINT) AS discount, CAST(SUM(p.total) AS BIGINT) AS revenue,
            COUNT(DISTINCT CASE WHEN NOT EXISTS (
                SELECT 1 FROM purchases e WHERE e.customer_id = p.customer_id AND e.refund_of IS NULL
                AND (e.purchased_at < p.purchased_at OR (e.purchased_at = p.purchased_at AND e.id < p.id))
            ) THEN p.customer_id END) AS new_customers
            FROM \(used(period)) GROUP BY pp.promotion_code
            """
        ).all(decoding: Redemptions.self)
        return Dictionary(rows.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Per promotion code, the mean CSAT score of the period's answers by the customers who used it in the period.
    private static func satisfaction(_ period: Range<Date>, on sql: any SQLDatabase) async throws -> [String: Double] {
        struct Row: Decodable {
            var code: String
            var total: Int64
            var answers: Int
        }
        let rows = try await sql.raw(
            """
            SELECT u.code, CAST(SUM(r.score) AS BIGINT) AS total, COUNT(*) AS answers FROM survey_responses r
            JOIN (SELECT DISTINCT pp.promotion_code AS code, p.customer_id FROM \(used(period))) u
            ON u.customer_id = r.customer_id
            WHERE r.kind = 'csat' AND r.score IS NOT NULL AND r.created_at >= \(bind: period.lowerBound)
            AND r.created_at < \(bind: period.upperBound) GROUP BY u.code
            """
        ).all(decoding: Row.self)
        return Dictionary(
            rows.map { ($0.code, Double($0.total) / Double($0.answers)) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every customer with a purchase (not a refund) in the period, and the net total of all their purchases and
    /// refunds in it.
    private static func customerRevenue(_ period: Range<Date>, on sql: any SQLDatabase) async throws -> [UUID: Int] {
        struct Row: Decodable {
            var customer_id: UUID
            var revenue: Int64
        }
        let rows = try await sql.raw(
            """
            SELECT customer_id, CAST(SUM(total) AS BIGINT) AS revenue FROM purchases
            WHERE purchased_at >= \(bind: period.lowerBound) AND purchased_at < \(bind: period.upperBound)
            GROUP BY customer_id HAVING SUM(CASE WHEN refund_of IS NULL THEN 1 ELSE 0 END) > 0
            """
        ).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.customer_id, Int($0.revenue)) }, uniquingKeysWith: +)
    }
}
