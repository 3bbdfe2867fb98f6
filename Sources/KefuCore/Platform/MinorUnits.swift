/// Money is kept in integer minor units (分, cents); people read it with two decimals.
public enum MinorUnits {
    /// `1250` → `"12.50"`, `-5` → `"-0.05"`: exact, no floating point.
    public static func decimalText(_ minor: Int) -> String {
        let magnitude = minor.magnitude
        let cents = magnitude % 100
        return (minor < 0 ? "-" : "") + "\(magnitude / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    /// `12800` → `"128.00"` with 2 decimals, `"12800"` with 0, `"12.800"` with 3: `parse`'s inverse, exact.
    public static func decimalText(_ minor: Int, exponent: Int) -> String {
        guard exponent > 0 else { return String(minor) }
        let digits = String(minor.magnitude)
        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        return (minor < 0 ? "-" : "") + padded.dropLast(exponent) + "." + padded.suffix(exponent)
    }

    /// Digits after the decimal point of `currency`'s minor unit (ISO 4217): 0 for the yen or the won, 3 for
    /// the dinars of Bahrain, Iraq, Jordan, Kuwait, Libya and the rials of Oman and Tunisia, else 2 (CNY, USD…).
    public static func exponent(of currency: String) -> Int {
        if zeroDecimal.contains(currency) { return 0 }
        return threeDecimal.contains(currency) ? 3 : 2
    }

    private static let zeroDecimal: Set<String> = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF",
        "XOF", "XPF",
    ]
    private static let threeDecimal: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]

    /// A decimal amount in major units (`128.50`, `128.5`, `128`, `-3.05`) as minor units with `exponent`
    /// decimals: exact, no floating point. Nil for anything else: grouping separators, more decimals than
    /// the currency has, an exponent, or more than 15 integer digits.
    public static func parse(_ text: String, exponent: Int) -> Int? {
        var bytes = Array(text.trimmingWhitespace().utf8)
        let negative = bytes.first == UInt8(ascii: "-")
        if negative || bytes.first == UInt8(ascii: "+") { bytes.removeFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts.first ?? []
        let fraction = parts.count == 2 ? parts[1] : []
        guard whole.count <= 15, !whole.isEmpty || !fraction.isEmpty, parts.count == 1 || !fraction.isEmpty,
            fraction.count <= exponent
        else { return nil }
        var value = 0
        for byte in whole + fraction + Array(repeating: UInt8(ascii: "0"), count: exponent - fraction.count) {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return negative ? -value : value
    }
}
