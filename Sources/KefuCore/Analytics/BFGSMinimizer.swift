import Foundation

/// Quasi-Newton minimisation of a smooth function of a few variables with an analytic gradient:
/// BFGS with a backtracking Armijo line search, then Newton steps on a finite-difference Hessian of
/// the analytic gradient to polish, because plain BFGS tolerances stop visibly short of the optimum.
struct BFGSMinimizer {
    /// Converged when the Euclidean norm of the gradient is at most this.
    var gradientTolerance = 1e-6
    var maxIterations = 500

    struct Result {
        var point: [Double]
        var value: Double
        var gradientNorm: Double
        var iterations: Int
        var evaluations: Int
        var converged: Bool
    }

    /// `objective(x, &gradient)` returns f(x) and writes ∇f(x); non-finite values count as +∞.
    func minimize(start: [Double], objective: ([Double], inout [Double]) -> Double) -> Result {
        let n = start.count
        var evaluations = 0
        func evaluate(_ x: [Double], _ g: inout [Double]) -> Double {
            evaluations += 1
            let value = objective(x, &g)
            return value.isFinite && g.allSatisfy(\.isFinite) ? value : .infinity
        }
        var x = start
        var g = [Double](repeating: 0, count: n)
        var f = evaluate(x, &g)
        var h = identity(n)
        var iterations = 0
        var firstStep = true

        // BFGS brings the gradient down to a level relative to f; from there Newton converges in a couple of
        // steps, where BFGS's line search would fight rounding in f (a million customers: f ≈ 3e6).
        func handOver() -> Bool { norm(g) <= Swift.max(gradientTolerance, 1e-6 * Swift.max(1, abs(f))) }
        while iterations < maxIterations, !handOver() {
            iterations += 1
            var direction = multiply(h, g).map { -$0 }
            var slope = dot(direction, g)
            if !(slope < 0) {
                // Not a descent direction (lost curvature information): restart from steepest descent.
                h = identity(n)
                direction = g.map { -$0 }
                slope = dot(direction, g)
            }
            // Keep the first trial step modest in log-parameter space.
            var step = firstStep ? Swift.min(1, 1 / norm(direction)) : 1
            var trialG = g
            var trialF = Double.infinity
            var trialX = x
            var accepted = false
            for _ in 0..<60 {
                trialX = zip(x, direction).map { $0 + step * $1 }
                trialF = evaluate(trialX, &trialG)
                if trialF <= f + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            // No decrease left to find in floating point: BFGS has done its part.
            guard accepted, trialF < f else { break }
            let s = zip(trialX, x).map { $0 - $1 }
            let y = zip(trialG, g).map { $0 - $1 }
            let sy = dot(s, y)
            if sy > 1e-300 {
                if firstStep {
                    let scale = sy / dot(y, y)
                    h = identity(n).map { $0.map { $0 * scale } }
                }
                // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
                let rho = 1 / sy
                let hy = multiply(h, y)
                let yhy = dot(y, hy)
                for i in 0..<n {
                    for j in 0..<n {
                        h[i][j] += -rho * (s[i] * hy[j] + hy[i] * s[j]) + (rho * rho * yhy + rho) * s[i] * s[j]
                    }
                }
                firstStep = false
            }
            x = trialX
            f = trialF
            g = trialG
        }

        // Newton polish: a handful of steps take a gradient of 1e-4 to rounding level.
        var polish = 0
        while norm(g) > gradientTolerance, polish < 20 {
            polish += 1
            guard let step = newtonStep(x: x, g: g, evaluate: evaluate) else { break }
            var trialG = g
            var scale = 1.0
            var improved = false
            for _ in 0..<30 {
                let trialX = zip(x, step).map { $0 + scale * $1 }
                let trialF = evaluate(trialX, &trialG)
                if trialF.isFinite, trialF <= f + 1e-12 * abs(f) || norm(trialG) < norm(g) {
                    x = trialX
                    f = trialF
                    g = trialG
                    improved = true
                    break
                }
                scale *= 0.5
            }
            if !improved { break }
        }
        let gradientNorm = norm(g)
        return Result(
            point: x, value: f, gradientNorm: gradientNorm, iterations: iterations + polish, evaluations: evaluations,
            converged: gradientNorm <= gradientTolerance)
    }

    /// A log-likelihood without an interior maximum (one customer, everyone alike) lets parameters run
    /// off towards 0 or ∞ while the gradient fades, which looks like convergence; parameters outside
    /// [1e-6, 1e6] are reported as such instead of being returned.
    static func requireInterior(_ logParameters: [Double], names: [String], model: String) throws(AnalyticsError) {
        let bound = log(1e6)
        for (name, value) in zip(names, logParameters) where !(abs(value) <= bound) {
            throw .insufficientData(
                "the \(model) likelihood has no maximum inside the parameter space (\(name) → \(exp(value))); "
                    + "the data cannot identify the model")
        }
    }

    /// Solves H·δ = −g with H from central differences of the analytic gradient.
    private func newtonStep(
        x: [Double], g: [Double], evaluate: ([Double], inout [Double]) -> Double
    ) -> [Double]? {
        let n = x.count
        var hessian = identity(n)
        var plus = g
        var minus = g
        for i in 0..<n {
            let h = 1e-5 * Swift.max(1, abs(x[i]))
            var xp = x
            var xm = x
            xp[i] += h
            xm[i] -= h
            guard evaluate(xp, &plus).isFinite, evaluate(xm, &minus).isFinite else { return nil }
            for j in 0..<n { hessian[i][j] = (plus[j] - minus[j]) / (2 * h) }
        }
        for i in 0..<n {
            for j in (i + 1)..<n where j < n {
                let mean = (hessian[i][j] + hessian[j][i]) / 2
                hessian[i][j] = mean
                hessian[j][i] = mean
            }
        }
        return solve(hessian, g.map { -$0 })
    }

    /// Gaussian elimination with partial pivoting; nil when singular.
    private func solve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double]? {
        let n = rhs.count
        var a = matrix
        var b = rhs
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            guard abs(a[pivot][column]) > 1e-300 else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<n where row < n {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var solution = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<n where k < n { sum -= a[row][k] * solution[k] }
            solution[row] = sum / a[row][row]
        }
        return solution.allSatisfy(\.isFinite) ? solution : nil
    }

    private func identity(_ n: Int) -> [[Double]] {
        (0..<n).map { i in (0..<n).map { $0 == i ? 1 : 0 } }
    }

    private func multiply(_ m: [[Double]], _ v: [Double]) -> [Double] {
        m.map { dot($0, v) }
    }

    private func dot(_ u: [Double], _ v: [Double]) -> Double {
        zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
    }

    private func norm(_ v: [Double]) -> Double { dot(v, v).squareRoot() }
}
