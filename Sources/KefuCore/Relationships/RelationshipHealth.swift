public import Foundation

/// The emotional bank account of 002 §3.3.1 as a number: every event deposits or withdraws its weight,
/// and older events count for less, halving every half-life, so a complaint last week weighs more than
/// one last year. Balance = Σ weight × 0.5^(age_days / half_life_days), age in fractional days
/// (seconds / 86,400) between the event and `now`; events after `now` do not count.
public struct RelationshipHealth: Sendable, Hashable {
    public static let defaultHalfLifeDays = 90.0
    public static let defaultAtRiskThreshold = 0.0

    public let weights: HealthWeights
    public let halfLifeDays: Double
    /// `at_risk` is balance < this.
    public let atRiskThreshold: Double

    /// `halfLifeDays` must be a positive finite number (see `isValidHalfLife`): callers validate
    /// settings and flags before they get here.
    public init(
        weights: HealthWeights = .defaults, halfLifeDays: Double = defaultHalfLifeDays,
        atRiskThreshold: Double = defaultAtRiskThreshold
    ) {
        precondition(Self.isValidHalfLife(halfLifeDays), "half-life must be a positive number of days")
        self.weights = weights
        self.halfLifeDays = halfLifeDays
        self.atRiskThreshold = atRiskThreshold
    }

    public static func isValidHalfLife(_ days: Double) -> Bool { days > 0 && days.isFinite }

    /// One customer's balance at `now`. Contributions are summed in the order given (so the result is
    /// the same number a straightforward loop over the input gives); movements are listed newest first.
    public func balance(of events: [HealthEvent], now: Date) -> HealthBalance {
        var total = 0.0
        var movements: [HealthMovement] = []
        movements.reserveCapacity(events.count)
        for event in events where event.at <= now {
            let ageDays = now.timeIntervalSince(event.at) / 86_400
            let weight = weights[event.kind]
            let contribution = weight * pow(0.5, ageDays / halfLifeDays)
            total += contribution
            movements.append(HealthMovement(kind: event.kind, at: event.at, weight: weight, contribution: contribution))
        }
        // A stable sort: same-instant events keep their input order.
        let newestFirst = movements.indices.sorted { lhs, rhs in
            movements[lhs].at != movements[rhs].at ? movements[lhs].at > movements[rhs].at : lhs < rhs
        }
        return HealthBalance(
            balance: total, atRisk: total < atRiskThreshold, movements: newestFirst.map { movements[$0] })
    }

    /// Every customer's balance at `now`, sorted by customer id in byte order; each customer's events
    /// are taken in the order given.
    public func balances(of events: [CustomerHealthEvent], now: Date) -> [CustomerHealth] {
        var byCustomer: [String: [HealthEvent]] = [:]
        for item in events { byCustomer[item.customerID, default: []].append(item.event) }
        return byCustomer.keys.sorted(by: String.precedesBytewise).map { id in
            CustomerHealth(customerID: id, health: balance(of: byCustomer[id]!, now: now))
        }
    }
}
