public import Foundation

extension PurchaseDraft {
    /// The largest amount (a total, a unit price, the lines added up) in minor units: 10¹² 分 is ten
    /// billion yuan, far above any purchase, and no sum of lines overflows on the way to it.
    public static let maxAmount = 1_000_000_000_000
    public static let maxItems = 1_000
    public static let maxQuantity = 1_000_000
    public static let maxSKULength = 64
    public static let maxNameLength = 200
    public static let maxCategoryLength = 100
    public static let maxSourceLength = 64
    public static let maxExternalRefLength = 200
    /// How far `purchased_at` may lie ahead of the server's `now`: a till's clock may run a little fast.
    public static let futureTolerance: TimeInterval = 5 * 60

    /// Returns the draft with texts trimmed (blank optional ones nil), the currency upper-cased or
    /// defaulted to `defaultCurrency`, `purchased_at` in whole milliseconds (as lists page by it) and the promotions
    /// in id order (as they are read back) —
    /// or throws every problem found, each naming its JSON field.
    public func validated(now: Date, defaultCurrency: String) throws(ValidationFailure) -> PurchaseDraft {
        var out = self
        var errors: [FieldError] = []
        func fail(_ field: String, _ code: String, _ message: String) {
            errors.append(FieldError(field: field, code: code, message: message))
        }
        if let purchasedAt {
            out.purchasedAt = Date(timeIntervalSince1970: (purchasedAt.timeIntervalSince1970 * 1000).rounded() / 1000)
            if purchasedAt > now.addingTimeInterval(Self.futureTolerance) {
                fail("purchased_at", "in_future", "Purchased at may not be in the future.")
            }
        } else {
            fail("purchased_at", "required", "Purchased at is required.")
        }
        if let total {
            if !(0...Self.maxAmount).contains(total) {
                fail("total", "out_of_range", "Total must be between 0 and \(Self.maxAmount) minor units.")
            }
        } else {
            fail("total", "required", "Total is required.")
        }
        let currency = (currency?.trimmingWhitespace()).flatMap { $0.isEmpty ? nil : $0.uppercased() }
        out.currency = currency ?? defaultCurrency
        if let currency, !CurrencyCode.isValid(currency) {
            fail("currency", "invalid_currency", "Currency must be a three-letter ISO code such as CNY.")
        }
        out.items = Self.validatedItems(items, errors: &errors)
        out.source = Self.optionalText(source, field: "source", max: Self.maxSourceLength, errors: &errors)
        out.externalRef = Self.optionalText(
            externalRef, field: "external_ref", max: Self.maxExternalRefLength, errors: &errors)
        Self.checkPromotions(promotions, errors: &errors)
        out.promotions = promotions.sorted { $0.id < $1.id }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return out
    }

    private static func validatedItems(_ items: [PurchaseItem], errors: inout [FieldError]) -> [PurchaseItem] {
        guard items.count <= maxItems else {
            errors.append(
                FieldError(field: "items", code: "too_many", message: "A purchase has at most \(maxItems) lines."))
            return items
        }
        let earlier = errors.count
        var seen = Set<String>()
        var cleaned: [PurchaseItem] = []
        for (index, item) in items.enumerated() {
            let field = "items[\(index)]"
            func fail(_ member: String, _ code: String, _ message: String) {
                errors.append(FieldError(field: field + "." + member, code: code, message: message))
            }
            var line = item
            line.sku = item.sku.trimmingWhitespace()
            if line.sku.isEmpty {
                fail("sku", "required", "SKU is required.")
            } else if line.sku.count > maxSKULength {
                fail("sku", "too_long", "SKU is longer than \(maxSKULength) characters.")
            } else if !seen.insert(line.sku).inserted {
                fail("sku", "duplicate", "Each SKU may appear on one line only.")
            }
            line.name = item.name.trimmingWhitespace()
            if line.name.isEmpty {
                fail("name", "required", "Name is required.")
            } else if line.name.count > maxNameLength {
                fail("name", "too_long", "Name is longer than \(maxNameLength) characters.")
            }
            line.category = optionalText(
                item.category, field: field + ".category", max: maxCategoryLength, errors: &errors)
            if !(1...maxQuantity).contains(item.quantity) {
                fail("quantity", "out_of_range", "Quantity must be between 1 and \(maxQuantity).")
            }
            if !(0...maxAmount).contains(item.unitPrice) {
                fail("unit_price", "out_of_range", "Unit price must be between 0 and \(maxAmount) minor units.")
            }
            cleaned.append(line)
        }
        if errors.count == earlier, linesTotal(cleaned) == nil {
            errors.append(
                FieldError(
                    field: "items", code: "out_of_range",
                    message: "The lines add up to more than \(maxAmount) minor units."))
        }
        return cleaned
    }

    /// Each promotion named once, with a discount of 0…`maxAmount`; whether it exists is the store's to say.
    private static func checkPromotions(_ promotions: [PurchasePromotion], errors: inout [FieldError]) {
        var seen = Set<String>()
        for (index, promotion) in promotions.enumerated() {
            let field = "promotions[\(index)]"
            if !seen.insert(promotion.id).inserted {
                errors.append(
                    FieldError(
                        field: field + ".id", code: "duplicate", message: "Each promotion may be named once only."))
            }
            if !(0...maxAmount).contains(promotion.discount) {
                errors.append(
                    FieldError(
                        field: field + ".discount", code: "out_of_range",
                        message: "Discount must be between 0 and \(maxAmount) minor units."))
            }
        }
    }

    /// Σ quantity × unit price, or nil above `maxAmount` (checked on each step, so it never overflows).
    static func linesTotal(_ items: [PurchaseItem]) -> Int? {
        var sum = 0
        for item in items {
            let (amount, overflow) = item.quantity.multipliedReportingOverflow(by: item.unitPrice)
            guard !overflow, amount <= maxAmount else { return nil }
            sum += amount
            guard sum <= maxAmount else { return nil }
        }
        return sum
    }

    /// `text` trimmed; nil when absent or blank; an error when longer than `max`.
    private static func optionalText(
        _ text: String?, field: String, max: Int, errors: inout [FieldError]
    ) -> String? {
        guard let trimmed = text?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        if trimmed.count > max {
            errors.append(
                FieldError(field: field, code: "too_long", message: "\(field) is longer than \(max) characters."))
        }
        return trimmed
    }
}
