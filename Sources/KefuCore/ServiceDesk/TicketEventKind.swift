/// The timeline kinds the service desk appends to a customer's timeline (issue 10 §1), through the existing
/// timeline mechanism like `CustomerEventKind`.
public enum TicketEventKind {
    public static let created = "ticket.created"
    public static let statusChanged = "ticket.status_changed"
    public static let replied = "ticket.replied"
    public static let transferred = "ticket.transferred"
    public static let remedy = "ticket.remedy"
    public static let merged = "ticket.merged"
    /// An SLA clock of the ticket ran out (issue 11).
    public static let slaBreached = "ticket.sla_breached"
}
