/// One line of a quote's `explanation`: what a promotion is and what it did, in the customer's language, money
/// from minor units (`满300减50 ×2：−100.00`, `Spend 300.00 get 50.00 off ×2: −100.00`).
enum PromotionExplanation {
    /// `times`: bundle sets or repeated thresholds, shown from 2.
    static func line(_ promotion: Promotion, discount: Int, times: Int, tier: String?, chinese: Bool) -> String {
        let money: (Int) -> String = MinorUnits.decimalText
        let repeated = times > 1 ? " ×\(times)" : ""
        let result = (chinese ? "：−" : ": −") + money(discount)
        switch (promotion.kind, chinese) {
        case (.memberPrice, true):
            return "会员价" + (tier.map { "（\($0)）" } ?? "") + result
        case (.memberPrice, false):
            return "Member price" + (tier.map { " (\($0))" } ?? "") + result
        case (.bundle(let skus, let price), true):
            return skus.joined(separator: "+") + "组合价" + short(price) + repeated + result
        case (.bundle(let skus, let price), false):
            return "Bundle " + skus.joined(separator: " + ") + " at " + money(price) + repeated + result
        case (.percentOff(let percent), true):
            return short(100 - percent, exponent: 1) + "折" + result
        case (.percentOff(let percent), false):
            return "\(percent)% off" + result
        case (.threshold(let threshold, let off, _, _), true):
            return "满" + short(threshold) + "减" + short(off) + repeated + result
        case (.threshold(let threshold, let off, _, _), false):
            return "Spend \(money(threshold)) get \(money(off)) off" + repeated + result
        case (.amountOff(let off, let minSpend), true):
            return (minSpend > 0 ? "满" + short(minSpend) : "") + "立减" + short(off) + result
        case (.amountOff(let off, let minSpend), false):
            return money(off) + " off" + (minSpend > 0 ? " orders of \(money(minSpend)) or more" : "") + result
        case (.gift(let threshold, let gift), true):
            return "满\(short(threshold))赠\(gift.sku) ×\(gift.quantity)（价值\(money(gift.value))）"
        case (.gift(let threshold, let gift), false):
            return "Spend \(money(threshold)) get \(gift.sku) ×\(gift.quantity) free (worth \(money(gift.value)))"
        }
    }

    /// Chinese shorthand: `300` for 300.00, `299.50` otherwise; with exponent 1, tenths (`8.5` for 85).
    private static func short(_ minor: Int, exponent: Int = 2) -> String {
        let text = MinorUnits.decimalText(minor, exponent: exponent)
        return text.hasSuffix("." + String(repeating: "0", count: exponent))
            ? String(text.dropLast(exponent + 1)) : text
    }
}
