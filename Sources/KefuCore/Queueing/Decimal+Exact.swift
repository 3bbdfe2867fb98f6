public import Foundation

/// Exact helpers for decimal inputs: staffing rounds integers up, and a binary floating-point residue
/// (21 / 0.7 = 30.000000000000004) must never add an agent, so comparisons stay in `Decimal`.
extension Decimal {
    /// The nearest `Double`, through the decimal text so the conversion is correctly rounded.
    public var nearestDouble: Double {
        Double(description) ?? .nan
    }

    /// Parses a plain decimal literal (`12`, `-0.5`, `3.25`, `1e-3`) and nothing else: Foundation's own
    /// initialiser accepts trailing garbage ("12abc" → 12), which would hide typing mistakes.
    public init?(plainLiteral text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard Decimal.isPlainLiteral(trimmed),
            let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        self = value
    }

    private static func isPlainLiteral(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        var digits = 0
        var index = bytes.startIndex
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        while index < bytes.endIndex, isDigit(bytes[index]) {
            digits += 1
            index += 1
        }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.endIndex, isDigit(bytes[index]) {
                digits += 1
                index += 1
            }
        }
        guard digits > 0 else { return false }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            var exponentDigits = 0
            while index < bytes.endIndex, isDigit(bytes[index]) {
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0, exponentDigits <= 3 else { return false }
        }
        return index == bytes.endIndex
    }

    /// ⌈numerator / denominator⌉ for a positive decimal denominator, decided by exact multiplication:
    /// the result is the least integer m with m · denominator ≥ numerator.
    static func ceilingQuotient(_ numerator: Decimal, _ denominator: Decimal) -> Int {
        let estimate = (numerator.nearestDouble / denominator.nearestDouble).rounded(.up)
        var m = Int(Swift.max(0, Swift.min(estimate, 1e15)))
        while m > 0, Decimal(m - 1) * denominator >= numerator { m -= 1 }
        while Decimal(m) * denominator < numerator { m += 1 }
        return m
    }
}
