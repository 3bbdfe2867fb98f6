import Foundation

/// The service time of a simulated customer (issue 14 §7), in minutes. `mean` and `sd` are those of the time
/// itself, not of its logarithm, so a manager can read them off a stopwatch.
public enum ServiceTimeDistribution: Sendable, Hashable {
    /// Memoryless, as M/M/c assumes (the case Erlang C and Cobham are exact for).
    case exponential(mean: Double)
    /// Every customer takes exactly `mean`.
    case deterministic(mean: Double)
    /// Right-skewed like real counter work: ln T ~ N(μ, σ²) with σ² = ln(1 + sd²/mean²), μ = ln mean − σ²/2.
    case lognormal(mean: Double, sd: Double)

    public var mean: Double {
        switch self {
        case .exponential(let mean), .deterministic(let mean), .lognormal(let mean, _): return mean
        }
    }

    /// A sampler drawing from `self` with `random`; the lognormal's parameters are worked out once.
    func sampler() -> Sampler {
        switch self {
        case .exponential(let mean): return Sampler(kind: .exponential, scale: mean, sigma: 0)
        case .deterministic(let mean): return Sampler(kind: .deterministic, scale: mean, sigma: 0)
        case .lognormal(let mean, let sd):
            let variance = log1p((sd / mean) * (sd / mean))
            return Sampler(kind: .lognormal, scale: log(mean) - variance / 2, sigma: variance.squareRoot())
        }
    }

    /// Draws service times; keeps the second normal of each Box–Muller pair for the next lognormal draw.
    struct Sampler {
        enum Kind { case exponential, deterministic, lognormal }
        let kind: Kind
        /// The mean (exponential, deterministic) or μ (lognormal).
        let scale: Double
        let sigma: Double
        private var spareNormal: Double?

        init(kind: Kind, scale: Double, sigma: Double) {
            self.kind = kind
            self.scale = scale
            self.sigma = sigma
        }

        mutating func next(_ random: inout SplitMix) -> Double {
            switch kind {
            case .exponential: return scale * random.nextExponential()
            case .deterministic: return scale
            case .lognormal: return exp(scale + sigma * normal(&random))
            }
        }

        /// A standard normal by Box–Muller.
        private mutating func normal(_ random: inout SplitMix) -> Double {
            if let spare = spareNormal {
                spareNormal = nil
                return spare
            }
            let radius = (-2 * log(1 - random.nextUnit())).squareRoot()
            let angle = 2 * Double.pi * random.nextUnit()
            spareNormal = radius * sin(angle)
            return radius * cos(angle)
        }
    }
}
