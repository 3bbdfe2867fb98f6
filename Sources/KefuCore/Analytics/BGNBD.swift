import Foundation

/// The BG/NBD model of Fader, Hardie & Lee (2005): while alive a customer buys at a Poisson rate
/// λ ~ Gamma(r, α) and after each purchase drops out with probability p ~ Beta(a, b). It answers
/// "is this customer still alive?" and "how many purchases will they make?" from (x, t_x, T) alone.
public struct BGNBDParameters: Sendable, Hashable {
    public let r: Double
    public let alpha: Double
    public let a: Double
    public let b: Double

    public init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// P(alive | x, t_x, T) = 1 / (1 + δ_{x>0} · a/(b + x − 1) · ((α + T)/(α + t_x))^(r+x)).
    public func probabilityAlive(frequency x: Int, recency tx: Double, age: Double) -> Double {
        guard x > 0 else { return 1 }
        let xd = Double(x)
        let logRatio = log(a) - log(b + xd - 1) + (r + xd) * (log(alpha + age) - log(alpha + tx))
        return 1 / (1 + exp(logRatio))
    }

    /// E[Y(t) | x, t_x, T], purchases in the next t periods (FHL 2005, eq. 10):
    /// (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t))]
    /// / (1 + δ_{x>0} a/(b + x − 1) ((α + T)/(α + t_x))^(r+x)).
    public func expectedPurchases(in t: Double, frequency x: Int, recency tx: Double, age: Double) -> Double {
        guard t > 0 else { return 0 }
        // At a = 1 the formula is 0/0 with a finite limit; a step of 1e-8 away costs ~1e-8 relative error.
        let a = abs(self.a - 1) < 1e-8 ? 1 + 1e-8 : self.a
        let xd = Double(x)
        let c = a + b + xd - 1
        let z = t / (alpha + age + t)
        // ((α + T)/(α + T + t))^(r+x) · ₂F₁ = (1 − z)^(r+x) ₂F₁(r + x, b + x; c; z); when c − (r + x) − (b + x) < 0
        // Euler's transformation turns it into (1 − z)^(a−1) ₂F₁(c − r − x, c − b − x; c; z), which neither
        // overflows nor loses the cancellation for large x and z near 1.
        let logOneMinusZ = log(alpha + age) - log(alpha + age + t)
        let product: Double
        if c - (r + xd) - (b + xd) < 0 {
            product = exp((a - 1) * logOneMinusZ) * SpecialFunctions.series2F1(c - r - xd, c - b - xd, c, z)
        } else {
            product = exp((r + xd) * logOneMinusZ) * SpecialFunctions.series2F1(r + xd, b + xd, c, z)
        }
        let numerator = c / (a - 1) * (1 - product)
        return numerator * probabilityAlive(frequency: x, recency: tx, age: age)
    }

    /// The log-likelihood of one customer (FHL 2005, eq. 6), in the data's time unit.
    public func logLikelihood(frequency x: Int, recency tx: Double, age: Double) -> Double {
        let xd = Double(x)
        let lg = SpecialFunctions.logGamma
        let a1 = lg(r + xd) - lg(r) + r * log(alpha)
        let a2 = lg(a + b) + lg(b + xd) - lg(b) - lg(a + b + xd)
        let u3 = -(r + xd) * log(alpha + age)
        guard x > 0 else { return a1 + a2 + u3 }
        let u4 = log(a) - log(b + xd - 1) - (r + xd) * log(alpha + tx)
        let top = max(u3, u4)
        return a1 + a2 + top + log(exp(u3 - top) + exp(u4 - top))
    }
}

/// A BG/NBD fit: the parameters, the total log-likelihood there and how the optimiser got there.
public struct BGNBDFit: Sendable, Hashable {
    public let parameters: BGNBDParameters
    public let logLikelihood: Double
    /// Euclidean norm of the gradient of the log-likelihood with respect to the log-parameters.
    public let gradientNorm: Double
    public let iterations: Int
}

extension BGNBDParameters {
    /// Maximum-likelihood fit on customer summaries. Identical (x, t_x, T) rows are grouped and weighted,
    /// so a million customers cost what their few thousand distinct histories cost; the per-x
    /// log-gamma and digamma terms are computed once per distinct x. The parameters are optimised as
    /// logarithms (keeping them positive) with analytic gradients to a gradient norm below 1e-6.
    public static func fit(_ customers: [CustomerSummary]) throws(AnalyticsError) -> BGNBDFit {
        guard !customers.isEmpty else { throw .insufficientData("BG/NBD needs at least one customer") }
        // A repeat buyer with recency 0 makes the likelihood unbounded (α → 0), so it is refused here.
        for c in customers
        where c.frequency < 0 || c.recency < 0 || c.recency > c.age || (c.frequency > 0 && c.recency == 0) {
            throw .invalidInput(
                "customer \"\(c.customerID)\" has an impossible history "
                    + "(frequency \(c.frequency), recency \(c.recency), T \(c.age))"
            )
        }
        let data = BGNBDLikelihood(customers)
        // Start at r = a = b = 1 and α = the mean age: the rate scale follows the time unit.
        let meanAge = customers.reduce(0) { $0 + $1.age } / Double(customers.count)
        let start = [0, log(max(meanAge, 1)), 0, 0]
        let result = BFGSMinimizer().minimize(start: start) { point, gradient in
            data.negativeLogLikelihood(point, gradient: &gradient)
        }
        try BFGSMinimizer.requireInterior(result.point, names: ["r", "alpha", "a", "b"], model: "BG/NBD")
        guard result.converged else {
            throw .didNotConverge(model: "BG/NBD", gradientNorm: result.gradientNorm)
        }
        let p = result.point.map { exp($0) }
        return BGNBDFit(
            parameters: BGNBDParameters(r: p[0], alpha: p[1], a: p[2], b: p[3]), logLikelihood: -result.value,
            gradientNorm: result.gradientNorm, iterations: result.iterations)
    }
}

/// The BG/NBD log-likelihood and its gradient over grouped data.
struct BGNBDLikelihood {
    private struct Key: Hashable {
        let x: Int
        let tx: UInt64
        let age: UInt64
    }

    /// Distinct frequencies, ascending.
    let frequencies: [Double]
    /// Per group: index into `frequencies`, t_x, T, count.
    let groupFrequency: [Int]
    let groupRecency: [Double]
    let groupAge: [Double]
    let groupWeight: [Double]

    init(_ customers: [CustomerSummary]) {
        var counts: [Key: Int] = [:]
        counts.reserveCapacity(min(customers.count, 1 << 16))
        for c in customers {
            // Recency is irrelevant when x = 0; folding it keeps those groups together.
            let tx = c.frequency == 0 ? 0 : c.recency
            counts[Key(x: c.frequency, tx: tx.bitPattern, age: c.age.bitPattern), default: 0] += 1
        }
        let keys = counts.keys.sorted { ($0.x, $0.tx, $0.age) < ($1.x, $1.tx, $1.age) }
        let distinct = Array(Set(keys.map(\.x))).sorted()
        let position = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        frequencies = distinct.map(Double.init)
        groupFrequency = keys.map { position[$0.x]! }
        groupRecency = keys.map { Double(bitPattern: $0.tx) }
        groupAge = keys.map { Double(bitPattern: $0.age) }
        groupWeight = keys.map { Double(counts[$0]!) }
    }

    var groupCount: Int { groupWeight.count }

    /// −LL at log-parameters θ = (ln r, ln α, ln a, ln b), writing −∂LL/∂θ into `gradient`.
    func negativeLogLikelihood(_ theta: [Double], gradient: inout [Double]) -> Double {
        let r = exp(theta[0])
        let alpha = exp(theta[1])
        let a = exp(theta[2])
        let b = exp(theta[3])
        let lg = SpecialFunctions.logGamma
        let psi = SpecialFunctions.digamma
        let logAlpha = log(alpha)

        // Terms that depend on x only.
        let lgR = lg(r)
        let psiR = psi(r)
        let lgAB = lg(a + b)
        let psiAB = psi(a + b)
        let lgB = lg(b)
        let psiB = psi(b)
        var constant = [Double](repeating: 0, count: frequencies.count)
        var dConstR = constant
        var dConstA = constant
        var dConstB = constant
        var logBx = constant
        var invBx = constant
        for (i, x) in frequencies.enumerated() {
            let psiABX = psi(a + b + x)
            constant[i] = lg(r + x) - lgR + r * logAlpha + lgAB + lg(b + x) - lgB - lg(a + b + x)
            dConstR[i] = psi(r + x) - psiR + logAlpha
            dConstA[i] = psiAB - psiABX
            dConstB[i] = psiAB + psi(b + x) - psiB - psiABX
            if x > 0 {
                logBx[i] = log(b + x - 1)
                invBx[i] = 1 / (b + x - 1)
            }
        }
        let logA = log(a)

        var ll = 0.0
        var gr = 0.0
        var gAlpha = 0.0
        var ga = 0.0
        var gb = 0.0
        for k in 0..<groupWeight.count {
            let i = groupFrequency[k]
            let x = frequencies[i]
            let w = groupWeight[k]
            let logAT = log(alpha + groupAge[k])
            let u3 = -(r + x) * logAT
            var value = constant[i]
            var dr = dConstR[i]
            var dAlpha = r / alpha
            var da = dConstA[i]
            var db = dConstB[i]
            if x > 0 {
                let logATx = log(alpha + groupRecency[k])
                let u4 = logA - logBx[i] - (r + x) * logATx
                // log(e^u3 + e^u4) and the weights π3, π4 of the two terms.
                let top = max(u3, u4)
                let e3 = exp(u3 - top)
                let e4 = exp(u4 - top)
                let total = e3 + e4
                let p3 = e3 / total
                let p4 = e4 / total
                value += top + log(total)
                dr -= p3 * logAT + p4 * logATx
                dAlpha -= (r + x) * (p3 / (alpha + groupAge[k]) + p4 / (alpha + groupRecency[k]))
                da += p4 / a
                db -= p4 * invBx[i]
            } else {
                value += u3
                dr -= logAT
                dAlpha -= (r + x) / (alpha + groupAge[k])
            }
            ll += w * value
            gr += w * dr
            gAlpha += w * dAlpha
            ga += w * da
            gb += w * db
        }
        // Chain rule to log-parameters, and sign for minimisation.
        gradient[0] = -gr * r
        gradient[1] = -gAlpha * alpha
        gradient[2] = -ga * a
        gradient[3] = -gb * b
        return -ll
    }
}
