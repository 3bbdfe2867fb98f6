public import Foundation

/// `POST /api/v1/purchases/{id}/refunds`: the lines to refund by SKU and quantity, or none (absent or
/// empty) for everything not refunded yet.
public struct RefundRequest: Codable, Sendable, Equatable {
    public struct Line: Codable, Sendable, Equatable {
        public var sku: String
        public var quantity: Int

        public init(sku: String, quantity: Int) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    public var items: [Line]?

    public init(items: [Line]? = nil) { self.items = items }
}

extension Purchase {
    /// The refund `request` makes of this purchase after its `earlier` refunds, kept as its own record:
    /// lines of this purchase with the refunded quantities (never more than remain), a negative total, at
    /// `now`. Refunding all that remains gives back what remains of the total; part of it, the lines'
    /// amounts — scaled by total ÷ Σ lines when the purchase had a discount — never more than remains.
    /// A refund of a refund, or of a purchase refunded in full, is a conflict; a line that is not one
    /// of this purchase's, or more than remains of it, an error naming the line.
    public func refund(
        _ request: RefundRequest, earlier: [Purchase], id: UUID, now: Date
    ) throws(DomainError) -> Purchase {
        guard !isRefund else {
            throw .conflict(message: "A refund cannot be refunded.", field: nil, conflictingID: refundOf)
        }
        var remaining = Dictionary(items.map { ($0.sku, $0.quantity) }, uniquingKeysWith: +)
        for line in earlier.flatMap(\.items) { remaining[line.sku, default: 0] -= line.quantity }
        let remainingAmount = total + earlier.reduce(0) { $0 + $1.total }
        let lines: [PurchaseItem]
        if let asked = request.items, !asked.isEmpty {
            lines = try refundedLines(asked, remaining: remaining)
        } else {
            lines = items.compactMap { item in
                let left = remaining[item.sku] ?? 0
                return left > 0
                    ? PurchaseItem(
                        sku: item.sku, name: item.name, category: item.category, quantity: left,
                        unitPrice: item.unitPrice)
                    : nil
            }
        }
        let takesAll = lines.reduce(0) { $0 + $1.quantity } == remaining.values.reduce(0) { $0 + max($1, 0) }
        let amount = takesAll ? remainingAmount : min(scaledAmount(of: lines), remainingAmount)
        guard amount > 0 || !lines.isEmpty else {
            throw .conflict(message: "This purchase is already refunded in full.", field: nil, conflictingID: nil)
        }
        return Purchase(
            id: id, customerID: customerID, branchID: branchID, purchasedAt: now, total: -amount, currency: currency,
            items: lines, source: nil, externalRef: nil, refundOf: self.id, createdAt: now)
    }

    private func refundedLines(
        _ asked: [RefundRequest.Line], remaining: [String: Int]
    ) throws(DomainError) -> [PurchaseItem] {
        var errors: [FieldError] = []
        var lines: [PurchaseItem] = []
        var seen = Set<String>()
        for (index, line) in asked.enumerated() {
            let field = "items[\(index)]"
            let sku = line.sku.trimmingWhitespace()
            guard let item = items.first(where: { $0.sku == sku }) else {
                errors.append(
                    FieldError(
                        field: field + ".sku", code: "unknown_line",
                        message: "\"\(sku)\" is not a line of this purchase."))
                continue
            }
            guard seen.insert(sku).inserted else {
                errors.append(
                    FieldError(
                        field: field + ".sku", code: "duplicate", message: "Each SKU may appear on one line only."))
                continue
            }
            let left = remaining[sku] ?? 0
            guard line.quantity >= 1, line.quantity <= left else {
                errors.append(
                    FieldError(
                        field: field + ".quantity", code: "exceeds_remaining",
                        message: "Quantity must be between 1 and the \(left) not refunded yet."))
                continue
            }
            lines.append(
                PurchaseItem(
                    sku: sku, name: item.name, category: item.category, quantity: line.quantity,
                    unitPrice: item.unitPrice))
        }
        guard errors.isEmpty else { throw .invalid(errors) }
        return lines
    }

    /// Σ quantity × unit price of `lines`, scaled by this purchase's total ÷ its own Σ lines (a discount
    /// is refunded in proportion), rounded down.
    private func scaledAmount(of lines: [PurchaseItem]) -> Int {
        let amount = PurchaseDraft.linesTotal(lines) ?? 0
        guard let whole = PurchaseDraft.linesTotal(items), whole > 0, whole != total else { return amount }
        return whole.dividingFullWidth(amount.multipliedFullWidth(by: total)).quotient
    }
}
