import Foundation

/// |actual − expected| ≤ tolerance · max(1, |expected|): relative for large values, absolute near 0.
func calcClose(_ actual: Double, _ expected: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(actual - expected) <= tolerance * max(1, abs(expected))
}

func calcDecimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }
