public import Foundation

/// One entry in a customer's timeline. `kind` is an open, dotted name (`customer.created`,
/// `note.added`, later `ticket.opened`, `points.earned`, …) so every capability appends its own
/// events through the same table; `data` carries the event's details as a JSON object.
public struct TimelineEvent: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var customerID: UUID
    public var kind: String
    public var summary: String
    public var data: [String: String]
    public var actorID: UUID?
    public var occurredAt: Date

    public init(
        id: UUID, customerID: UUID, kind: String, summary: String, data: [String: String] = [:],
        actorID: UUID?, occurredAt: Date
    ) {
        self.id = id
        self.customerID = customerID
        self.kind = kind
        self.summary = summary
        self.data = data
        self.actorID = actorID
        self.occurredAt = occurredAt
    }
}

/// The event kinds the customer database writes. Other capabilities define their own.
public enum CustomerEventKind {
    public static let created = "customer.created"
    public static let updated = "customer.updated"
    public static let noteAdded = "note.added"
    public static let contactAdded = "contact.added"
    public static let contactUpdated = "contact.updated"
    public static let contactRemoved = "contact.removed"
    public static let merged = "customer.merged"
    public static let imported = "customer.imported"
    public static let deleted = "customer.deleted"
}
