public import Foundation

/// What starts a follow-up plan (issue 12 §2, DOMAIN §3): an event on a customer (a purchase, a resolved
/// ticket or complaint, a new customer, the relationship health falling below its threshold) or the calendar
/// (every N days for a tier, N days before a birthday or a date field).
public enum FollowUpTriggerKind: String, Codable, Sendable, CaseIterable {
    case purchase
    case ticketResolved = "ticket_resolved"
    case complaintResolved = "complaint_resolved"
    case customerCreated = "customer_created"
    case periodic
    case anniversary
    /// The customer's relationship health fell below its threshold.
    case atRisk = "at_risk"

    /// Kinds the daily sweep makes tasks for, rather than an event.
    public var isCalendar: Bool { self == .periodic || self == .anniversary }
}

/// A plan's trigger: the kind and the members that kind takes (`min_total` and `sku_prefix` for a purchase,
/// `tier` and `every_days` for periodic, `field` and `days_before` for an anniversary). Flat, so a request's
/// JSON maps onto it member for member and validation can name each one.
public struct FollowUpTrigger: Codable, Sendable, Equatable {
    public var kind: FollowUpTriggerKind
    /// A purchase triggers only from this total (minor units)…
    public var minTotal: Int?
    /// …and only when one of its lines has a SKU starting with this.
    public var skuPrefix: String?
    public var tier: String?
    public var everyDays: Int?
    /// `birthday`, or the key of a date custom field.
    public var field: String?
    public var daysBefore: Int?

    public init(
        kind: FollowUpTriggerKind, minTotal: Int? = nil, skuPrefix: String? = nil, tier: String? = nil,
        everyDays: Int? = nil, field: String? = nil, daysBefore: Int? = nil
    ) {
        self.kind = kind
        self.minTotal = minTotal
        self.skuPrefix = skuPrefix
        self.tier = tier
        self.everyDays = everyDays
        self.field = field
        self.daysBefore = daysBefore
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case minTotal = "min_total"
        case skuPrefix = "sku_prefix"
        case tier
        case everyDays = "every_days"
        case field
        case daysBefore = "days_before"
    }

    /// The anniversary field that is the customer's birthday rather than a custom field.
    public static let birthdayField = "birthday"

    /// Whether a purchase of `total` with lines `skus` meets this purchase trigger's conditions.
    public func matchesPurchase(total: Int, skus: [String]) -> Bool {
        if let minTotal, total < minTotal { return false }
        if let skuPrefix, !skus.contains(where: { $0.hasPrefix(skuPrefix) }) { return false }
        return true
    }
}
