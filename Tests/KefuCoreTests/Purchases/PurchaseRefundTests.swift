import Foundation
import KefuCore
import Testing

@Suite("Refunds")
struct PurchaseRefundTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// Two lattes at 12.00 and a cake at 9.00: 33.00, paid 30.00 (a discount).
    static let original = Purchase(
        id: UUID(), customerID: UUID(), branchID: UUID(), purchasedAt: now.addingTimeInterval(-86_400), total: 3_000,
        currency: "CNY",
        items: [
            PurchaseItem(sku: "LATTE", name: "拿铁", quantity: 2, unitPrice: 1_200),
            PurchaseItem(sku: "CAKE", name: "蛋糕", category: "甜点", quantity: 1, unitPrice: 900),
        ], source: "pos", externalRef: "1", refundOf: nil, createdAt: now)

    static func refund(_ lines: [(String, Int)]?, earlier: [Purchase] = []) throws -> Purchase {
        try original.refund(
            RefundRequest(items: lines.map { $0.map { RefundRequest.Line(sku: $0.0, quantity: $0.1) } }),
            earlier: earlier, id: UUID(), now: now)
    }

    @Test func aFullRefundGivesBackTheWholeTotal() throws {
        let refund = try Self.refund(nil)
        #expect(refund.total == -3_000 && refund.refundOf == Self.original.id && refund.isRefund)
        #expect(refund.items.map(\.quantity) == [2, 1] && refund.items[1].category == "甜点")
        #expect(refund.customerID == Self.original.customerID && refund.branchID == Self.original.branchID)
        #expect(refund.purchasedAt == Self.now && refund.source == nil && refund.externalRef == nil)
        #expect(throws: DomainError.self) { try Self.refund(nil, earlier: [refund]) }
        #expect(throws: DomainError.self) { try refund.refund(RefundRequest(), earlier: [], id: UUID(), now: Self.now) }
    }

    @Test func partialRefundsScaleTheDiscountAndTheLastTakesWhatRemains() throws {
        // One latte: 12.00 × 30/33 = 10.909… → 10.90 down.
        let first = try Self.refund([("LATTE", 1)])
        #expect(first.total == -1_090 && first.items.map(\.sku) == ["LATTE"] && first.items[0].quantity == 1)
        let rest = try Self.refund(nil, earlier: [first])
        #expect(rest.total == -1_910)
        #expect(rest.items.map(\.sku) == ["LATTE", "CAKE"] && rest.items.map(\.quantity) == [1, 1])
        let lastByLines = try Self.refund([("CAKE", 1), ("LATTE", 1)], earlier: [first])
        #expect(lastByLines.total == -1_910)
    }

    @Test func linesMustBeTheOriginalsAndNoMoreThanRemains() throws {
        let first = try Self.refund([("LATTE", 1)])
        do {
            _ = try Self.refund([("LATTE", 2), ("TEA", 1), ("CAKE", 0), ("CAKE", 1)], earlier: [first])
            Issue.record("refunded more than remained")
        } catch DomainError.invalid(let errors) {
            #expect(
                errors.map { "\($0.field) \($0.code)" } == [
                    "items[0].quantity exceeds_remaining", "items[1].sku unknown_line",
                    "items[2].quantity exceeds_remaining", "items[3].sku duplicate",
                ])
        }
    }
}
