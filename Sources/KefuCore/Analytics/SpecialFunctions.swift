import Foundation

/// The special functions the customer-base models need. Log-gamma comes from the platform's libm;
/// digamma and the Gauss hypergeometric function are written here because Foundation has neither.
enum SpecialFunctions {
    /// ln Γ(x) for x > 0.
    @inline(__always)
    static func logGamma(_ x: Double) -> Double { lgamma(x) }

    /// ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the
    /// asymptotic series through the x⁻¹⁴ term (truncation error below 1e-16 there).
    static func digamma(_ x: Double) -> Double {
        var x = x
        var result = 0.0
        if x <= 0 {
            // Reflection: ψ(1 − x) − ψ(x) = π cot(πx).
            return digamma(1 - x) - Double.pi / tan(Double.pi * x)
        }
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        let f = 1 / (x * x)
        let series =
            f
            * (1.0 / 12 - f
                * (1.0 / 120 - f
                    * (1.0 / 252 - f
                        * (1.0 / 240 - f
                            * (1.0 / 132
                                - f * (691.0 / 32760 - f * (1.0 / 12)))))))
        return result + log(x) - 0.5 / x - series
    }

    /// Gauss's ₂F₁(a, b; c; z) for c > 0 and 0 ≤ z < 1, by its power series.
    ///
    /// When c − a − b < 0 the series is summed after Euler's transformation
    /// ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z), whose terms fall off polynomially
    /// faster, so the sum stays bounded as z → 1 (BG/NBD's conditional expectation produces exactly
    /// this case when a < 1). Summation stops when a bound on the tail is below 1e-17 of the sum.
    static func hypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
        precondition(z >= 0 && z < 1, "2F1 is summed for 0 ≤ z < 1")
        if z == 0 { return 1 }
        let excess = c - a - b
        if excess < 0 {
            return pow(1 - z, excess) * series2F1(c - a, c - b, c, z)
        }
        return series2F1(a, b, c, z)
    }

    /// The plain power series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ, for callers that apply the transformation themselves.
    static func series2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var n = 0.0
        // Terms settle into one sign once n exceeds |a|, |b|; a million terms reach z ≈ 1 − 4e-5.
        for _ in 0..<1_000_000 {
            let ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z
            term *= ratio
            sum += term
            n += 1
            if term == 0 { break }
            let settled = n > abs(a) + 1 && n > abs(b) + 1
            if settled {
                let bound = Swift.max(abs(ratio), z)
                if bound < 1, abs(term) * bound / (1 - bound) <= 1e-17 * abs(sum) { break }
            }
        }
        return sum
    }
}
