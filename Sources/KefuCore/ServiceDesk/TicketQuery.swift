public import Foundation

/// A ticket list request: an inbox view, filters, text, order and page, as the API and the inbox
/// page read it. The views show only tickets that are not resolved or closed.
public struct TicketQuery: Sendable, Equatable {
    public enum View: String, Sendable, CaseIterable {
        /// Assigned to the caller.
        case mine
        /// Of the caller's teams.
        case team
        /// Nobody works it now.
        case unassigned
        /// A remedy on it waits for a manager's decision.
        case pendingApproval = "pending_approval"
        /// An SLA clock runs and is due within `breachingSoonWindow` or past, soonest first.
        case breachingSoon = "breaching_soon"
    }

    /// How far ahead `breaching_soon` looks.
    public static let breachingSoonWindow: TimeInterval = 3600

    public enum Sort: String, Sendable, CaseIterable {
        case newest = "-created_at"
        case oldest = "created_at"
        case recentlyUpdated = "-updated_at"
    }

    public var view: View?
    /// Whose `mine` and `team` these are.
    public var viewerID: UUID?
    public var status: TicketStatus?
    public var type: TicketType?
    public var priority: TicketPriority?
    public var channel: TicketChannel?
    public var customerID: UUID?
    public var ownerID: UUID?
    public var branchID: UUID?
    public var tag: String?
    /// Substring of the number, subject or description, in any script.
    public var text: String? {
        didSet { text = text?.trimmingWhitespace().lowercased().nilIfEmpty }
    }
    public var sort: Sort = .newest
    public var limit = 50
    public var cursor: PageCursor?

    public init() {}
}
