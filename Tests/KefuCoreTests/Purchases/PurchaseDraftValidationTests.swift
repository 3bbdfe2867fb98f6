import Foundation
import KefuCore
import Testing

@Suite("PurchaseDraft validation")
struct PurchaseDraftValidationTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let customer = UUID(uuidString: "00000000-0000-0000-0000-0000000000c1")!

    static func draft(_ change: (inout PurchaseDraft) -> Void = { _ in }) -> PurchaseDraft {
        var draft = PurchaseDraft(
            customerID: customer, purchasedAt: now.addingTimeInterval(-3_600.0004), total: 3_300,
            items: [
                PurchaseItem(sku: " LATTE ", name: " 拿铁 ", category: " ", quantity: 2, unitPrice: 1_200),
                PurchaseItem(sku: "CAKE", name: "蛋糕", category: "甜点", quantity: 1, unitPrice: 900),
            ], source: " pos ", externalRef: " 0001 ")
        change(&draft)
        return draft
    }

    static func errors(_ draft: PurchaseDraft) -> [String] {
        do {
            _ = try draft.validated(now: now, defaultCurrency: "CNY")
            return []
        } catch {
            return error.errors.map { "\($0.field) \($0.code)" }
        }
    }

    @Test func trimsTextAndFillsTheCurrency() throws {
        let valid = try Self.draft().validated(now: Self.now, defaultCurrency: "CNY")
        #expect(valid.currency == "CNY")
        #expect(valid.items.map(\.sku) == ["LATTE", "CAKE"])
        #expect(valid.items[0].name == "拿铁" && valid.items[0].category == nil && valid.items[1].category == "甜点")
        #expect(valid.source == "pos" && valid.externalRef == "0001")
        // Whole milliseconds, as lists page by it.
        #expect(valid.purchasedAt == Self.now.addingTimeInterval(-3_600))
        let usd = try Self.draft { $0.currency = " usd " }.validated(now: Self.now, defaultCurrency: "CNY")
        #expect(usd.currency == "USD")
        let blank = try Self.draft { ($0.source, $0.externalRef) = ("  ", "") }.validated(
            now: Self.now, defaultCurrency: "CNY")
        #expect(blank.source == nil && blank.externalRef == nil)
    }

    @Test func missingRequiredValuesAreEachNamed() {
        #expect(
            Self.errors(Self.draft { ($0.purchasedAt, $0.total) = (nil, nil) }) == [
                "purchased_at required", "total required",
            ])
    }

    @Test func badValuesAreEachNamed() {
        let errors = Self.errors(
            Self.draft {
                $0.purchasedAt = Self.now.addingTimeInterval(3_600)
                $0.total = -1
                $0.currency = "元"
                $0.items = [
                    PurchaseItem(sku: "", name: "", quantity: 0, unitPrice: -5),
                    PurchaseItem(sku: "A", name: "甲", quantity: 1, unitPrice: 1),
                    PurchaseItem(sku: "A", name: "乙", quantity: 1, unitPrice: 1),
                ]
                $0.externalRef = String(repeating: "x", count: 201)
            })
        #expect(
            errors == [
                "purchased_at in_future", "total out_of_range", "currency invalid_currency", "items[0].sku required",
                "items[0].name required", "items[0].quantity out_of_range", "items[0].unit_price out_of_range",
                "items[2].sku duplicate", "external_ref too_long",
            ])
    }

    @Test func aClockAFewMinutesFastIsTolerated() {
        #expect(Self.errors(Self.draft { $0.purchasedAt = Self.now.addingTimeInterval(60) }) == [])
    }

    @Test func linesThatAddUpBeyondTheLimitAreRefusedWithoutOverflow() {
        let big = PurchaseItem(sku: "X", name: "大件", quantity: 1_000_000, unitPrice: PurchaseDraft.maxAmount)
        #expect(Self.errors(Self.draft { $0.items = [big] }) == ["items out_of_range"])
        let many = (0..<3).map {
            PurchaseItem(sku: "S\($0)", name: "件", quantity: 1, unitPrice: PurchaseDraft.maxAmount / 2)
        }
        #expect(Self.errors(Self.draft { $0.items = many }) == ["items out_of_range"])
    }
}
