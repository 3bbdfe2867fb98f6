import Foundation
import Testing

@testable import KefuCore

@Suite struct SpecialFunctionsTests {
    @Test(arguments: [
        (0.2426, -4.3583618532225142), (1, -0.57721566490153286), (2.5, 0.70315664064524319),
        (10.3, 2.2828154464391227), (100, 4.6001618527380874),
    ])
    func digammaMatchesHighPrecisionValues(x: Double, expected: Double) {
        #expect(calcClose(SpecialFunctions.digamma(x), expected, 1e-14))
    }

    @Test func digammaIsTheDerivativeOfLogGamma() {
        for x in [0.05, 0.7, 3.3, 17.0] {
            let h = 1e-6
            let numeric = (lgamma(x + h) - lgamma(x - h)) / (2 * h)
            #expect(calcClose(SpecialFunctions.digamma(x), numeric, 1e-7))
        }
    }

    // Reference values from mpmath.hyp2f1 at 40 digits; the arguments are those BG/NBD produces.
    @Test(arguments: [
        (2.2426, 4.4258, 4.2187, 0.5, 5.1604388637840064),
        (0.2426, 2.4258, 2.2187, 0.9, 1.9456694622144449),
        (5.2426, 7.4258, 7.2187, 0.99, 73979607644.861421),
        (1.5, 2.5, 4.5, 0.3, 1.3289092320954642),
        (30.24, 32.43, 32.22, 0.95, 4.0814207953706579e+39),
    ])
    func hypergeometricMatchesHighPrecisionValues(a: Double, b: Double, c: Double, z: Double, expected: Double) {
        #expect(calcClose(SpecialFunctions.hypergeometric2F1(a, b, c, z), expected, 1e-12))
    }

    @Test func hypergeometricReducesToKnownClosedForms() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z and ₂F₁(a, b; b; z) = (1 − z)^(−a).
        #expect(calcClose(SpecialFunctions.hypergeometric2F1(1, 1, 2, 0.75), -log(0.25) / 0.75, 1e-14))
        #expect(calcClose(SpecialFunctions.hypergeometric2F1(0.3, 2, 2, 0.6), pow(0.4, -0.3), 1e-14))
        #expect(SpecialFunctions.hypergeometric2F1(3, 4, 5, 0) == 1)
    }
}
