/// What the customer came for (DOMAIN §2). Only a complaint follows the complaint protocol.
public enum TicketType: String, Codable, Sendable, CaseIterable {
    case inquiry
    case request
    case complaint
    case compliment
}

/// Where the ticket came from; staff log phone calls and visits themselves.
public enum TicketChannel: String, Codable, Sendable, CaseIterable {
    case phone
    case email
    case web
    case chat
    /// WeChat-style messaging.
    case social
    case walkIn = "walk_in"
}

/// How urgent the ticket is; SLA targets later hang off tier × priority.
public enum TicketPriority: String, Codable, Sendable, CaseIterable {
    case low
    case normal
    case high
    case urgent

    /// What a ticket gets when the request names no priority.
    public static let `default` = TicketPriority.normal
}

/// Where a ticket stands. Every ticket starts `new`; `TicketLifecycle` says which changes are allowed.
public enum TicketStatus: String, Codable, Sendable, CaseIterable {
    case new
    case open
    case pendingCustomer = "pending_customer"
    case onHold = "on_hold"
    case resolved
    case closed

    /// Resolved and closed tickets are done: inbox views leave them out and they count no open load.
    public var isDone: Bool { self == .resolved || self == .closed }
}

/// How two tickets relate; `duplicate_of` points from the duplicate to the original.
public enum TicketLinkKind: String, Codable, Sendable, CaseIterable {
    case related
    case duplicateOf = "duplicate_of"
}
