public import Foundation

/// One interval of a contact centre as Erlang C sees it (M/M/N, patient callers): the offered traffic and
/// the figures for a given number of agents. Inputs stay `Decimal` so that "N > A" and the occupancy cap
/// are decided exactly (N · interval > calls · AHT), not on a rounded quotient.
public struct ErlangC: Sendable, Hashable {
    public let calls: Decimal
    public let intervalSeconds: Decimal
    public let ahtSeconds: Decimal

    public init(calls: Decimal, intervalSeconds: Decimal, ahtSeconds: Decimal) throws(QueueingError) {
        guard calls >= 0 else { throw .invalidInput("calls must not be negative (got \(calls))") }
        guard intervalSeconds > 0 else {
            throw .invalidInput("interval seconds must be positive (got \(intervalSeconds))")
        }
        guard ahtSeconds > 0 else { throw .invalidInput("AHT seconds must be positive (got \(ahtSeconds))") }
        self.calls = calls
        self.intervalSeconds = intervalSeconds
        self.ahtSeconds = ahtSeconds
    }

    /// Offered traffic A = calls × AHT / interval, in Erlangs.
    public var trafficErlangs: Double {
        (calls * ahtSeconds / intervalSeconds).nearestDouble
    }

    /// Work offered in the interval (calls × AHT); with the interval, the exact form of A.
    private var workSeconds: Decimal { calls * ahtSeconds }

    /// Whether `agents` can keep up: N > A, decided exactly.
    public func isStable(agents: Int) -> Bool {
        Decimal(agents) * intervalSeconds > workSeconds
    }

    /// The smallest N with N > A.
    public var minimumStableAgents: Int {
        // Least m with m · interval ≥ work; one more if equal, because N = A is unstable.
        let m = Decimal.ceilingQuotient(workSeconds, intervalSeconds)
        return Decimal(m) * intervalSeconds == workSeconds ? m + 1 : m
    }

    /// The smallest N with A / N ≤ maxOccupancy, i.e. N · interval · maxOccupancy ≥ work.
    public func minimumAgents(maxOccupancy: Decimal) -> Int {
        Decimal.ceilingQuotient(workSeconds, intervalSeconds * maxOccupancy)
    }

    /// Occupancy A/N; above 1 when the agents cannot keep up, which is the point of showing it.
    public func occupancy(agents: Int) -> Double {
        (workSeconds / (Decimal(agents) * intervalSeconds)).nearestDouble
    }

    /// The figures for `agents`; an unstable N (N ≤ A) gets P(wait) 1, service level 0 and no ASA.
    public func figures(agents: Int, targetSeconds: Double) -> ErlangCFigures {
        precondition(agents > 0, "agents must be positive")
        guard isStable(agents: agents) else {
            return ErlangCFigures(
                agents: agents, stable: false, waitingProbability: 1, serviceLevel: 0,
                occupancy: occupancy(agents: agents), asaSeconds: nil)
        }
        let traffic = trafficErlangs
        let blocking = ErlangC.blockingProbability(servers: agents, traffic: traffic)
        return figures(agents: agents, traffic: traffic, blocking: blocking, targetSeconds: targetSeconds)
    }

    /// The figures from an Erlang B value already at hand (the staffing search walks N upwards).
    func figures(agents: Int, traffic: Double, blocking: Double, targetSeconds: Double) -> ErlangCFigures {
        let pw = ErlangC.waitingProbability(servers: agents, traffic: traffic, blocking: blocking)
        let aht = ahtSeconds.nearestDouble
        let slack = Double(agents) - traffic
        let serviceLevel = Swift.max(0, Swift.min(1, 1 - pw * exp(-slack * targetSeconds / aht)))
        return ErlangCFigures(
            agents: agents, stable: true, waitingProbability: pw, serviceLevel: serviceLevel,
            occupancy: occupancy(agents: agents), asaSeconds: pw * aht / slack)
    }

    /// Erlang B, B(N, A), by the recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)), which stays in
    /// [0, 1] for any N (the factorial form overflows past N ≈ 170).
    public static func blockingProbability(servers: Int, traffic: Double) -> Double {
        var b = 1.0
        if servers > 0 {
            for n in 1...servers { b = nextBlocking(b, servers: n, traffic: traffic) }
        }
        return b
    }

    /// One step of the Erlang B recursion: B(n) from B(n − 1).
    static func nextBlocking(_ previous: Double, servers n: Int, traffic: Double) -> Double {
        let x = traffic * previous
        return x / (Double(n) + x)
    }

    /// Erlang C, the probability that a caller waits: C = N·B / (N − A·(1 − B)), for N > A.
    public static func waitingProbability(servers: Int, traffic: Double) -> Double {
        waitingProbability(
            servers: servers, traffic: traffic, blocking: blockingProbability(servers: servers, traffic: traffic))
    }

    static func waitingProbability(servers: Int, traffic: Double, blocking b: Double) -> Double {
        let n = Double(servers)
        guard n > traffic else { return 1 }
        return Swift.min(1, n * b / (n - traffic * (1 - b)))
    }
}

/// What a number of agents achieves in one interval; `asaSeconds` is nil when the queue is unstable.
public struct ErlangCFigures: Sendable, Hashable {
    public let agents: Int
    public let stable: Bool
    public let waitingProbability: Double
    public let serviceLevel: Double
    public let occupancy: Double
    public let asaSeconds: Double?
}
