public import Foundation

/// The targets a staffing plan must meet: answer `serviceLevel` of calls within `targetSeconds`, keep
/// agents no busier than `maxOccupancy`, and gross the head-count up for `shrinkage` (breaks, training,
/// absence). Decimals stay decimals so that 21 agents at 0.3 shrinkage is exactly 30.
public struct StaffingTarget: Sendable, Hashable {
    public let targetSeconds: Decimal
    public let serviceLevel: Decimal
    public let maxOccupancy: Decimal
    public let shrinkage: Decimal

    public init(
        targetSeconds: Decimal, serviceLevel: Decimal = Decimal(string: "0.8")!, maxOccupancy: Decimal = 1,
        shrinkage: Decimal = 0
    ) throws(QueueingError) {
        guard targetSeconds >= 0 else {
            throw .invalidInput("target seconds must not be negative (got \(targetSeconds))")
        }
        guard serviceLevel >= 0, serviceLevel < 1 else {
            throw .invalidInput("service level must be at least 0 and below 1 (got \(serviceLevel))")
        }
        guard maxOccupancy > 0, maxOccupancy <= 1 else {
            throw .invalidInput("max occupancy must be above 0 and at most 1 (got \(maxOccupancy))")
        }
        guard shrinkage >= 0, shrinkage < 1 else {
            throw .invalidInput("shrinkage must be at least 0 and below 1 (got \(shrinkage))")
        }
        self.targetSeconds = targetSeconds
        self.serviceLevel = serviceLevel
        self.maxOccupancy = maxOccupancy
        self.shrinkage = shrinkage
    }
}

/// The staffing answer for one interval: agents on the phones, head-count to schedule, and what they achieve.
public struct StaffingPlan: Sendable, Hashable {
    public let trafficErlangs: Double
    public let agents: Int
    public let agentsWithShrinkage: Int
    public let figures: ErlangCFigures
}

/// Required agents by Erlang C: the smallest N > A meeting both the service level and the occupancy cap.
public enum Staffing {
    /// Head-count to schedule so that `agents` remain after shrinkage s: ⌈N / (1 − s)⌉, decided exactly.
    public static func scheduledHeadcount(agents: Int, shrinkage: Decimal) -> Int {
        Decimal.ceilingQuotient(Decimal(agents), 1 - shrinkage)
    }

    public static func plan(for interval: ErlangC, target: StaffingTarget) throws(QueueingError) -> StaffingPlan {
        let traffic = interval.trafficErlangs
        let targetSeconds = target.targetSeconds.nearestDouble
        let wanted = target.serviceLevel.nearestDouble
        let start = Swift.max(
            1, interval.minimumStableAgents, interval.minimumAgents(maxOccupancy: target.maxOccupancy))
        // SL rises with N and reaches 1 in floating point once P(wait)·e^(−(N−A)T/AHT) underflows; the bound
        // only guards against a bug, never against a reachable target.
        let limit = start + Swift.max(10_000, Int(traffic.rounded(.up)) * 10)
        var agents = start
        var blocking = ErlangC.blockingProbability(servers: agents, traffic: traffic)
        while agents <= limit {
            let figures = interval.figures(
                agents: agents, traffic: traffic, blocking: blocking, targetSeconds: targetSeconds)
            if figures.serviceLevel >= wanted {
                return StaffingPlan(
                    trafficErlangs: traffic, agents: agents,
                    agentsWithShrinkage: scheduledHeadcount(agents: agents, shrinkage: target.shrinkage),
                    figures: figures)
            }
            agents += 1
            blocking = ErlangC.nextBlocking(blocking, servers: agents, traffic: traffic)
        }
        throw .targetUnreachable("no agent count up to \(limit) reaches service level \(target.serviceLevel)")
    }
}
