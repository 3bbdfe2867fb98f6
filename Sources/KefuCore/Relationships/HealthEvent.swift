public import Foundation

/// One event on a customer's relationship: a purchase, a complaint, a breached SLA, a survey answer.
public struct HealthEvent: Sendable, Hashable {
    public let kind: HealthEventKind
    public let at: Date

    public init(kind: HealthEventKind, at: Date) {
        self.kind = kind
        self.at = at
    }
}

/// An event and the customer it belongs to, as `kefu calc health` reads them (`line` names the row).
public struct CustomerHealthEvent: Sendable, Hashable {
    public let customerID: String
    public let event: HealthEvent
    public let line: Int?

    public init(customerID: String, event: HealthEvent, line: Int? = nil) {
        self.customerID = customerID
        self.event = event
        self.line = line
    }
}

/// One counted event and what it adds to the balance now.
public struct HealthMovement: Sendable, Hashable {
    public let kind: HealthEventKind
    public let at: Date
    public let weight: Double
    /// weight × 0.5^(age_days / half_life_days).
    public let contribution: Double
}

/// A customer's health at one instant.
public struct HealthBalance: Sendable, Hashable {
    public let balance: Double
    /// The balance is below the at-risk threshold.
    public let atRisk: Bool
    /// The counted events, newest first (events at the same instant in the order given).
    public let movements: [HealthMovement]

    /// The same balance listing only its newest `count` movements (the balance still counts them all).
    public func newest(_ count: Int) -> HealthBalance {
        HealthBalance(balance: balance, atRisk: atRisk, movements: Array(movements.prefix(count)))
    }
}

/// One customer's balance in a multi-customer computation.
public struct CustomerHealth: Sendable, Hashable {
    public let customerID: String
    public let health: HealthBalance
}
