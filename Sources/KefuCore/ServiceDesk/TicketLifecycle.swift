public import Foundation

/// The status rules of a ticket: which changes are allowed, the complaint gate, and what a reply does to the
/// status. Pure: the store loads the ticket, asks here, and writes what comes back.
public enum TicketLifecycle {
    /// How long after resolution a customer's reply reopens the ticket, unless the business sets otherwise.
    public static let defaultReopenWindow: TimeInterval = 7 * 24 * 60 * 60

    /// The statuses each status may move to. Nothing goes back to `new` (it means "nobody has answered"), a
    /// resolved ticket only reopens or closes, and a closed one is read-only.
    public static func allowedTargets(from status: TicketStatus) -> Set<TicketStatus> {
        switch status {
        case .new: [.open, .pendingCustomer, .onHold, .resolved, .closed]
        case .open: [.pendingCustomer, .onHold, .resolved, .closed]
        case .pendingCustomer: [.open, .onHold, .resolved, .closed]
        case .onHold: [.open, .pendingCustomer, .resolved, .closed]
        case .resolved: [.open, .closed]
        case .closed: []
        }
    }

    /// Throws `ticketClosed` for a closed ticket: every write (status, fields, replies, steps, remedies, links)
    /// asks here first.
    public static func ensureWritable(_ ticket: Ticket) throws(ServiceDeskError) {
        if ticket.status == .closed { throw .ticketClosed }
    }

    /// Throws unless complaint steps and remedies may be written on `ticket`: it is writable and a complaint.
    public static func ensureComplaint(_ ticket: Ticket) throws(ServiceDeskError) {
        try ensureWritable(ticket)
        if ticket.type != .complaint { throw .notAComplaint }
    }

    /// Whether a requested status change happens, is a no-op, or why it is refused. A complaint may only be
    /// resolved or closed once `complaint.missing` is empty; the error lists exactly what is missing.
    public static func change(
        _ ticket: Ticket, to target: TicketStatus, complaint: ComplaintRecord = ComplaintRecord()
    ) throws(ServiceDeskError) -> StatusChange {
        try ensureWritable(ticket)
        if target == ticket.status { return .unchanged }
        guard allowedTargets(from: ticket.status).contains(target) else {
            throw .transitionNotAllowed(from: ticket.status, to: target)
        }
        if ticket.type == .complaint, target.isDone, !complaint.missing.isEmpty {
            throw .complaintIncomplete(missing: complaint.missing)
        }
        return .changed(from: ticket.status, to: target)
    }

    /// `ticket` with the change applied: status, `resolvedAt` (set on resolving, cleared on reopening, kept on
    /// closing) and `updatedAt`.
    public static func applying(_ change: StatusChange, to ticket: Ticket, now: Date) -> Ticket {
        guard case .changed(_, let target) = change else { return ticket }
        var out = ticket
        out.status = target
        switch target {
        case .resolved: out.resolvedAt = now
        case .closed: out.resolvedAt = ticket.resolvedAt ?? now
        default: out.resolvedAt = nil
        }
        out.updatedAt = now
        return out
    }

    /// The status change a staff reply causes: an agent's first public reply answers a `new` ticket, so it
    /// becomes `open`. Internal notes and replies on tickets already answered change nothing; a closed ticket
    /// takes no replies at all.
    public static func afterStaffReply(
        to ticket: Ticket, visibility: MessageVisibility
    ) throws(ServiceDeskError) -> StatusChange {
        try ensureWritable(ticket)
        guard ticket.status == .new, visibility == .public else { return .unchanged }
        return .changed(from: .new, to: .open)
    }

    /// What a customer's reply does. On `resolved` it reopens the ticket when it comes within `window` of
    /// `resolvedAt` (the boundary itself included); later, and always on `closed`, the reply belongs on a new
    /// ticket linked (`related`) to this one. Waiting on the customer ends with their reply.
    public static func afterCustomerReply(
        to ticket: Ticket, now: Date, window: TimeInterval = defaultReopenWindow
    ) -> CustomerReplyOutcome {
        switch ticket.status {
        case .closed:
            return .openNewLinkedTicket
        case .resolved:
            let resolvedAt = ticket.resolvedAt ?? ticket.updatedAt
            return now.timeIntervalSince(resolvedAt) <= window ? .reopen : .openNewLinkedTicket
        case .pendingCustomer:
            return .resume
        case .new, .open, .onHold:
            return .append
        }
    }
}

/// The result of asking for a status change.
public enum StatusChange: Sendable, Equatable {
    /// The ticket already has that status: nothing to write, no timeline event.
    case unchanged
    case changed(from: TicketStatus, to: TicketStatus)
}

/// Where a customer's reply goes and what it does to the ticket's status.
public enum CustomerReplyOutcome: Sendable, Equatable {
    /// Added to the conversation; the status stays.
    case append
    /// Added, and the ticket leaves `pending_customer` for `open`.
    case resume
    /// Added, and the resolved ticket goes back to `open`.
    case reopen
    /// Not added here: open a new ticket with the reply, linked `related` to this one.
    case openNewLinkedTicket

    /// The status the ticket moves to, if any.
    public var newStatus: TicketStatus? {
        switch self {
        case .resume, .reopen: .open
        case .append, .openNewLinkedTicket: nil
        }
    }
}
