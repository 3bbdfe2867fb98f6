public import Foundation

/// One event that may start follow-up plans, recorded by the write that causes it (in its transaction) and
/// scheduled as a job: `key` names the event once (`purchase:<id>`, `ticket:<id>:resolved:<ms>`,
/// `customer:<id>:created`), so a task is never made twice for the same customer, plan, step and event.
public struct FollowUpTriggerEvent: Codable, Sendable, Equatable {
    public var kind: FollowUpTriggerKind
    public var key: String
    public var customerID: UUID
    /// The trigger's instant: `purchased_at`, the moment the ticket became resolved, the customer's `created_at`.
    public var at: Date
    /// When the event was stored: plans created after it do not apply (no back-fill).
    public var recordedAt: Date
    /// The purchase's or ticket's branch, whose time zone dates the tasks.
    public var branchID: UUID?
    /// The resolved ticket, for ticket triggers.
    public var ticketID: UUID?
    /// A purchase's total and line SKUs, for `min_total` and `sku_prefix`.
    public var total: Int?
    public var skus: [String]?

    public init(
        kind: FollowUpTriggerKind, key: String, customerID: UUID, at: Date, recordedAt: Date, branchID: UUID? = nil,
        ticketID: UUID? = nil, total: Int? = nil, skus: [String]? = nil
    ) {
        self.kind = kind
        self.key = key
        self.customerID = customerID
        self.at = at
        self.recordedAt = recordedAt
        self.branchID = branchID
        self.ticketID = ticketID
        self.total = total
        self.skus = skus
    }

    enum CodingKeys: String, CodingKey {
        case kind, key
        case customerID = "customer_id"
        case at
        case recordedAt = "recorded_at"
        case branchID = "branch_id"
        case ticketID = "ticket_id"
        case total, skus
    }

    /// A recorded purchase (not a refund).
    public static func purchase(_ purchase: Purchase, recordedAt: Date) -> FollowUpTriggerEvent {
        FollowUpTriggerEvent(
            kind: .purchase, key: "purchase:\(purchase.id.uuidString.lowercased())", customerID: purchase.customerID,
            at: purchase.purchasedAt, recordedAt: recordedAt, branchID: purchase.branchID, total: purchase.total,
            skus: purchase.items.map(\.sku))
    }

    /// A ticket that became resolved at `resolvedAt`: `ticket_resolved`, and `complaint_resolved` too for a
    /// complaint. Each resolution is its own event (a ticket reopened and resolved again triggers again).
    public static func resolved(_ ticket: Ticket, at resolvedAt: Date) -> [FollowUpTriggerEvent] {
        let key =
            "ticket:\(ticket.id.uuidString.lowercased()):resolved:\(Int64(resolvedAt.timeIntervalSince1970 * 1000))"
        let kinds: [FollowUpTriggerKind] =
            ticket.type == .complaint ? [.ticketResolved, .complaintResolved] : [.ticketResolved]
        return kinds.map {
            FollowUpTriggerEvent(
                kind: $0, key: key, customerID: ticket.customerID, at: resolvedAt, recordedAt: resolvedAt,
                branchID: ticket.branchID, ticketID: ticket.id)
        }
    }

    /// A customer created at `at`.
    public static func customerCreated(_ id: UUID, at: Date) -> FollowUpTriggerEvent {
        FollowUpTriggerEvent(
            kind: .customerCreated, key: "customer:\(id.uuidString.lowercased()):created", customerID: id, at: at,
            recordedAt: at)
    }

    /// The customer's relationship health fell below its threshold at `at` (the health computation records it).
    public static func atRisk(_ customerID: UUID, at: Date) -> FollowUpTriggerEvent {
        FollowUpTriggerEvent(
            kind: .atRisk,
            key: "at_risk:\(customerID.uuidString.lowercased()):\(Int64(at.timeIntervalSince1970 * 1000))",
            customerID: customerID, at: at, recordedAt: at)
    }
}
