import Foundation

/// Deterministic random numbers (SplitMix64, Steele, Lea & Flood 2014): the same seed gives the same stream on every
/// machine, which the queue simulator's `--seed` and the property tests promise. Fast and well mixed, not
/// cryptographic.
public struct SplitMix: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// An exponential variate of mean 1: −ln(1 − U) with U from `nextUnit`, so never infinite.
    public mutating func nextExponential() -> Double {
        -log(1 - nextUnit())
    }
}
