/// The rules of docs/SCIENCE.md §10 a promotion must keep to be priced at all.
extension Promotion {
    func validate() throws(PromotionInputError) {
        switch kind {
        case .memberPrice(let prices):
            for sku in prices.keys.sorted() {
                for tier in prices[sku]!.keys.sorted() {
                    try amount("prices.\(sku).\(tier)", prices[sku]![tier]!)
                }
            }
        case .bundle(let skus, let price):
            guard !skus.isEmpty else { throw failure("skus", "must list at least one sku") }
            var seen: Set<String> = []
            for (index, sku) in skus.enumerated() where !seen.insert(sku).inserted {
                throw failure("skus[\(index)]", "\(sku) is listed twice")
            }
            try amount("price", price)
        case .percentOff(let percent):
            guard (1...99).contains(percent) else { throw failure("percent", "must be from 1 to 99") }
        case .threshold(let threshold, let off, let repeats, let cap):
            try positive("threshold", threshold)
            try amount("off", off)
            if let cap {
                guard repeats else { throw failure("cap", "a cap needs \"repeat\": true") }
                try amount("cap", cap)
            }
        case .amountOff(let off, let minSpend):
            try amount("off", off)
            try amount("min_spend", minSpend)
        case .gift(let threshold, let gift):
            try positive("threshold", threshold)
            guard gift.quantity >= 1 else { throw failure("gift.quantity", "must be at least 1") }
            try amount("gift.value", gift.value)
        }
        if let window = conditions.window, window.from > window.to {
            throw failure("window", "from is after to")
        }
    }

    private func failure(_ field: String, _ message: String) -> PromotionInputError {
        PromotionInputError(.promotion(id: id), field: field, message)
    }

    private func amount(_ field: String, _ value: Int) throws(PromotionInputError) {
        guard value >= 0 else { throw failure(field, "must not be negative") }
        guard value <= Self.maximumAmount else { throw failure(field, "must be at most \(Self.maximumAmount)") }
    }

    private func positive(_ field: String, _ value: Int) throws(PromotionInputError) {
        guard value > 0 else { throw failure(field, "must be more than 0") }
        try amount(field, value)
    }

    /// The first id that appears twice in `promotions`, as an error naming it. Ids are compared code point by
    /// code point, as the engine orders them.
    public static func requireUniqueIDs(_ promotions: [Promotion]) throws(PromotionInputError) {
        var positions: [[Unicode.Scalar]: Int] = [:]
        for (index, promotion) in promotions.enumerated() {
            if let earlier = positions.updateValue(index + 1, forKey: Array(promotion.id.unicodeScalars)) {
                throw PromotionInputError(
                    .promotion(id: promotion.id), field: "id", "promotions #\(earlier) and #\(index + 1) share it")
            }
        }
    }
}
