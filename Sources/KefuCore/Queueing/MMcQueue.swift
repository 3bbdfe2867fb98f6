public import Foundation

/// A walk-in or ticket queue as M/M/c: Poisson arrivals at λ per hour, exponential service with mean
/// `serviceMinutes`, `servers` in parallel. Stability (λ·S < 60·c) is decided exactly on the decimals.
public struct MMcQueue: Sendable, Hashable {
    public let arrivalsPerHour: Decimal
    public let serviceMinutes: Decimal
    public let servers: Int

    public init(arrivalsPerHour: Decimal, serviceMinutes: Decimal, servers: Int) throws(QueueingError) {
        guard arrivalsPerHour >= 0 else {
            throw .invalidInput("arrivals per hour must not be negative (got \(arrivalsPerHour))")
        }
        guard serviceMinutes > 0 else {
            throw .invalidInput("service minutes must be positive (got \(serviceMinutes))")
        }
        guard servers > 0 else { throw .invalidInput("servers must be positive (got \(servers))") }
        let utilisation = arrivalsPerHour * serviceMinutes / (60 * Decimal(servers))
        guard utilisation < 1 else { throw .unstable(utilisation: utilisation.nearestDouble) }
        self.arrivalsPerHour = arrivalsPerHour
        self.serviceMinutes = serviceMinutes
        self.servers = servers
    }

    /// Offered load A = λ/μ in Erlangs.
    public var offeredLoad: Double { (arrivalsPerHour * serviceMinutes / 60).nearestDouble }

    /// ρ = A / c, below 1 by construction.
    public var utilisation: Double { (arrivalsPerHour * serviceMinutes / (60 * Decimal(servers))).nearestDouble }

    /// P(wait), Erlang C.
    public var waitingProbability: Double {
        ErlangC.waitingProbability(servers: servers, traffic: offeredLoad)
    }

    /// Mean wait in queue Wq = P(wait) / (cμ − λ), in minutes.
    public var meanWaitMinutes: Double {
        waitingProbability * serviceMinutes.nearestDouble / (Double(servers) - offeredLoad)
    }

    /// Mean wait per class under non-preemptive priority (class 1 first), by Cobham (1954):
    /// W_k = W₀ / ((1 − σ_{k−1})(1 − σ_k)), σ_k = Σ_{i≤k} ρ_i, ρ_i = p_i·ρ, W₀ = P(wait)/(cμ).
    /// With one class of share 1 this is the M/M/c wait.
    public func priorityWaitMinutes(shares: [Double]) throws(QueueingError) -> [Double] {
        try PriorityShares.validate(shares)
        let rho = utilisation
        var sigmaBefore = 0.0
        var waits: [Double] = []
        waits.reserveCapacity(shares.count)
        for share in shares {
            let sigma = sigmaBefore + share * rho
            waits.append(classWaitMinutes(loadAbove: sigmaBefore, loadThrough: sigma))
            sigmaBefore = sigma
        }
        return waits
    }

    /// Cobham's W_k from σ_{k−1} (`loadAbove`, the utilisation brought by the classes served before class k) and
    /// σ_k (`loadThrough`, the same with class k's own): one class of a priority queue, however its shares were found.
    func classWaitMinutes(loadAbove: Double, loadThrough: Double) -> Double {
        let w0 = waitingProbability * serviceMinutes.nearestDouble / Double(servers)
        return w0 / ((1 - loadAbove) * (1 - loadThrough))
    }
}

/// The arrival shares of priority classes: each positive, together 1 within 1e-9.
public enum PriorityShares {
    public static let tolerance = 1e-9

    public static func validate(_ shares: [Double]) throws(QueueingError) {
        guard !shares.isEmpty else { throw .invalidInput("at least one class share is needed") }
        for (index, share) in shares.enumerated() where !(share > 0) || !share.isFinite {
            throw .invalidInput("class share \(index + 1) must be positive (got \(share))")
        }
        let total = shares.reduce(0, +)
        guard abs(total - 1) <= tolerance else {
            throw .invalidInput("class shares must sum to 1 (they sum to \(total))")
        }
    }
}
