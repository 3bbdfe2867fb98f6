public import Foundation

/// One entry of a staff member's in-app list (DESIGN.md "Notifications"): what happened (`kind`, a dotted name
/// such as `ticket.transferred`), to what (`subject`), and the values its text is rendered from in either
/// language (`params`), so the words follow the reader's language rather than the writer's. Email or WeChat
/// delivery can later hang off the same rows.
public struct StaffNotification: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var userID: UUID
    public var kind: String
    public var subject: Subject
    public var params: [String: String]
    public var createdAt: Date
    public var readAt: Date?

    /// What a notification is about and where the reader goes to act on it.
    public struct Subject: Sendable, Equatable {
        /// `ticket`, `remedy`, …
        public var type: String
        public var id: UUID
        /// A path of the web UI.
        public var link: String

        public init(type: String, id: UUID, link: String) {
            self.type = type
            self.id = id
            self.link = link
        }
    }

    public init(
        id: UUID, userID: UUID, kind: String, subject: Subject, params: [String: String], createdAt: Date,
        readAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.kind = kind
        self.subject = subject
        self.params = params
        self.createdAt = createdAt
        self.readAt = readAt
    }

    /// The UI string that renders it: `notification.<kind>`, refined by the `outcome` parameter where one kind
    /// reads differently by result (a remedy approved or declined).
    public var textKey: String {
        "notification." + kind + (params[Self.outcome].map { "." + $0 } ?? "")
    }

    /// The parameter that picks the variant of a kind's text.
    public static let outcome = "outcome"
}

extension StaffNotification: Encodable {
    enum CodingKeys: String, CodingKey {
        case id, kind, params, link
        case subjectType = "subject_type"
        case subjectID = "subject_id"
        case createdAt = "created_at"
        case readAt = "read_at"
    }

    /// `{"id", "kind", "subject_type", "subject_id", "link", "params", "created_at", "read_at"}`, `read_at` null
    /// while unread.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(subject.type, forKey: .subjectType)
        try c.encode(subject.id, forKey: .subjectID)
        try c.encode(subject.link, forKey: .link)
        try c.encode(params, forKey: .params)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(readAt, forKey: .readAt)
    }
}

/// Who should hear of a change, and as which kind: what a capability's rule returns for the store to write.
public struct NotificationRecipient: Sendable, Equatable, Hashable {
    public var userID: UUID
    public var kind: String

    public init(userID: UUID, kind: String) {
        self.userID = userID
        self.kind = kind
    }
}

/// The kinds written so far; each capability adds its own dotted names (an SLA warning, a VIP waiting).
public enum NotificationKind {
    /// A ticket was given to you by someone else.
    public static let ticketAssigned = "ticket.assigned"
    /// Someone else changed who works a ticket you own.
    public static let ticketTransferred = "ticket.transferred"
    /// A B or C remedy waits for your approval.
    public static let remedyRequested = "remedy.requested"
    /// A remedy you asked for was approved or declined.
    public static let remedyDecided = "remedy.decided"
    /// The customer answered a ticket you work or own (on its status link; by email later).
    public static let ticketCustomerReplied = "ticket.customer_replied"
    /// A ticket's SLA clock reached 80 % of its target.
    public static let slaWarning = "sla.warning"
    /// A ticket's SLA clock ran out.
    public static let slaBreached = "sla.breached"
    /// A follow-up is still due after its grace (`follow_ups.escalate_after_days`): for managers.
    public static let followUpOverdue = "follow_up.overdue"
    /// A customer you manage took a VIP ticket in the walk-in queue.
    public static let queueVIPWaiting = "queue.vip_waiting"
}
