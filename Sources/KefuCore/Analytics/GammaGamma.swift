import Foundation

/// The Gamma-Gamma spend model (Fader & Hardie, "The Gamma-Gamma Model of Monetary Value", 2013):
/// transaction values vary around a customer's mean ζ ~ Gamma(q, v) with shape p, independent of how
/// often they buy. It shrinks a customer's observed mean spend towards the population's.
public struct GammaGammaParameters: Sendable, Hashable {
    public let p: Double
    public let q: Double
    public let v: Double

    public init(p: Double, q: Double, v: Double) {
        self.p = p
        self.q = q
        self.v = v
    }

    /// Population mean spend per transaction, p·v/(q − 1); nil when q ≤ 1 (the mean does not exist).
    public var populationMeanValue: Double? {
        q > 1 ? p * v / (q - 1) : nil
    }

    /// E[M | x, m_x] = p(v + x·m_x)/(p·x + q − 1): a weighted mean of the population mean and the
    /// customer's observed mean; a customer with no repeat purchase gets the population mean.
    public func expectedAverageValue(frequency x: Int, monetaryValue m: Double) -> Double? {
        guard x > 0 else { return populationMeanValue }
        let xd = Double(x)
        let denominator = p * xd + q - 1
        return denominator > 0 ? p * (v + xd * m) / denominator : nil
    }

    /// The log-likelihood of one repeat customer's mean spend m_x over x transactions:
    /// ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m_x + px ln x − (px+q) ln(v + x m_x).
    public func logLikelihood(frequency x: Int, monetaryValue m: Double) -> Double {
        let xd = Double(x)
        let px = p * xd
        let lg = SpecialFunctions.logGamma
        return lg(px + q) - lg(px) - lg(q) + q * log(v) + (px - 1) * log(m) + px * log(xd) - (px + q) * log(v + xd * m)
    }
}

/// A Gamma-Gamma fit on the customers with frequency > 0.
public struct GammaGammaFit: Sendable, Hashable {
    public let parameters: GammaGammaParameters
    public let logLikelihood: Double
    public let gradientNorm: Double
    public let iterations: Int
}

extension GammaGammaParameters {
    /// Maximum-likelihood fit on the customers with frequency > 0 and a monetary value; identical
    /// (x, m_x) pairs are grouped. Parameters are optimised as logarithms with analytic gradients.
    public static func fit(_ customers: [CustomerSummary]) throws(AnalyticsError) -> GammaGammaFit {
        var counts: [GammaGammaKey: Int] = [:]
        for c in customers where c.frequency > 0 {
            guard let m = c.monetaryValue, m > 0 else {
                throw .invalidInput("customer \"\(c.customerID)\" has frequency > 0 but no positive monetary value")
            }
            counts[GammaGammaKey(x: c.frequency, m: m.bitPattern), default: 0] += 1
        }
        guard !counts.isEmpty else {
            throw .insufficientData("Gamma-Gamma needs at least one customer with frequency > 0")
        }
        let data = GammaGammaLikelihood(counts)
        let start = [0, 0, log(data.meanSpend)]
        let result = BFGSMinimizer().minimize(start: start) { point, gradient in
            data.negativeLogLikelihood(point, gradient: &gradient)
        }
        try BFGSMinimizer.requireInterior(result.point, names: ["p", "q", "v"], model: "Gamma-Gamma")
        guard result.converged else {
            throw .didNotConverge(model: "Gamma-Gamma", gradientNorm: result.gradientNorm)
        }
        let p = result.point.map { exp($0) }
        return GammaGammaFit(
            parameters: GammaGammaParameters(p: p[0], q: p[1], v: p[2]), logLikelihood: -result.value,
            gradientNorm: result.gradientNorm, iterations: result.iterations)
    }
}

struct GammaGammaKey: Hashable {
    let x: Int
    let m: UInt64
}

/// The Gamma-Gamma log-likelihood and its gradient over grouped (x, m_x) data.
struct GammaGammaLikelihood {
    let frequencies: [Double]
    let groupFrequency: [Int]
    let groupSpend: [Double]
    let groupLogSpend: [Double]
    let groupWeight: [Double]
    let meanSpend: Double

    init(_ counts: [GammaGammaKey: Int]) {
        let keys = counts.keys.sorted { ($0.x, $0.m) < ($1.x, $1.m) }
        let distinct = Array(Set(keys.map(\.x))).sorted()
        let position = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        frequencies = distinct.map(Double.init)
        groupFrequency = keys.map { position[$0.x]! }
        groupSpend = keys.map { Double(bitPattern: $0.m) }
        groupLogSpend = groupSpend.map { log($0) }
        groupWeight = keys.map { Double(counts[$0]!) }
        let total = zip(groupSpend, groupWeight).reduce(0) { $0 + $1.0 * $1.1 }
        meanSpend = total / groupWeight.reduce(0, +)
    }

    /// −LL at θ = (ln p, ln q, ln v), writing −∂LL/∂θ into `gradient`.
    func negativeLogLikelihood(_ theta: [Double], gradient: inout [Double]) -> Double {
        let p = exp(theta[0])
        let q = exp(theta[1])
        let v = exp(theta[2])
        let lg = SpecialFunctions.logGamma
        let psi = SpecialFunctions.digamma
        let lgQ = lg(q)
        let psiQ = psi(q)
        let logV = log(v)
        var constant = [Double](repeating: 0, count: frequencies.count)
        var dConstP = constant
        var psiPXQ = constant
        for (i, x) in frequencies.enumerated() {
            let px = p * x
            constant[i] = lg(px + q) - lg(px) - lgQ + q * logV + px * log(x)
            psiPXQ[i] = psi(px + q)
            dConstP[i] = x * (psiPXQ[i] - psi(px) + log(x))
        }
        var ll = 0.0
        var gp = 0.0
        var gq = 0.0
        var gv = 0.0
        for k in 0..<groupWeight.count {
            let i = groupFrequency[k]
            let x = frequencies[i]
            let w = groupWeight[k]
            let px = p * x
            let logM = groupLogSpend[k]
            let total = v + x * groupSpend[k]
            let logTotal = log(total)
            ll += w * (constant[i] + (px - 1) * logM - (px + q) * logTotal)
            gp += w * (dConstP[i] + x * (logM - logTotal))
            gq += w * (psiPXQ[i] - psiQ + logV - logTotal)
            gv += w * (q / v - (px + q) / total)
        }
        gradient[0] = -gp * p
        gradient[1] = -gq * q
        gradient[2] = -gv * v
        return -ll
    }
}
