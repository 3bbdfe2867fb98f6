import Foundation

@testable import KefuCore

/// Baskets and promotions written the way the contract writes them, as JSON, so the tests read like the issue.
enum PromotionFixtures {
    /// A basket at `at` of (sku, category, quantity, unit price) lines.
    static func basket(
        _ lines: [(String, String, Int, Int)], at: String = "2026-02-14T12:00:00+08:00", tier: String? = nil,
        branch: String? = nil, coupons: [String] = []
    ) -> Basket {
        try! Basket(
            at: RFC3339.date(at)!, tier: tier, branch: branch, coupons: coupons,
            lines: lines.map { BasketLine(sku: $0.0, category: $0.1, quantity: $0.2, unitPrice: $0.3) })
    }

    /// The promotions of a JSON array.
    static func promotions(_ json: String) -> [Promotion] {
        do {
            return try Promotion.decodeList(Data(json.utf8))
        } catch {
            fatalError("\(error)")
        }
    }

    /// The worked example of docs/SCIENCE.md §10.
    static let exampleBasket = basket(
        [("A1", "tea", 2, 12000), ("B2", "ware", 1, 8000), ("C3", "food", 3, 3000)], tier: "VIP")
    static let examplePromotions = promotions(
        """
        [
          {"id": "vip", "kind": "member_price", "prices": {"A1": {"VIP": 10000, "gold": 11000}}},
          {"id": "set", "kind": "bundle", "skus": ["A1", "B2"], "price": 15000},
          {"id": "m150", "kind": "threshold", "group": "order", "threshold": 15000, "off": 2000, "repeat": true},
          {"id": "p10", "kind": "percent_off", "group": "order", "percent": 10},
          {"id": "g100", "kind": "gift", "threshold": 10000, "gift": {"sku": "G9", "quantity": 1, "value": 1500},
           "scope": {"categories": ["tea"]}}
        ]
        """)
}
