public import Foundation

/// The three escalating remedy plans prepared per complaint category (ABC, seed 002 §4.3.1).
public enum RemedyPlan: String, Codable, Sendable, CaseIterable {
    case A
    case B
    case C

    /// Plan A is within an agent's authority; B and C go beyond it and wait for a manager, whoever asks.
    public var needsApproval: Bool { self != .A }
}

/// Where a remedy stands: A is `applied` at once; B and C are `pending_approval` until approved or declined.
public enum RemedyStatus: String, Codable, Sendable, CaseIterable {
    case applied
    case pendingApproval = "pending_approval"
    case approved
    case declined
}

/// One remedy asked for on a complaint. The API answers at least `{"id", "plan", "status"}`.
public struct Remedy: Codable, Sendable, Equatable, Identifiable {
    public var id: UUID
    public var ticketID: UUID
    public var plan: RemedyPlan
    public var status: RemedyStatus
    public var requestedByID: UUID
    /// The agent's note; it carries the plan when the cause's category has no ladder.
    public var note: String?
    public var requestedAt: Date
    public var decidedByID: UUID?
    public var decisionNote: String?
    public var decidedAt: Date?

    public init(
        id: UUID, ticketID: UUID, plan: RemedyPlan, status: RemedyStatus, requestedByID: UUID, note: String? = nil,
        requestedAt: Date, decidedByID: UUID? = nil, decisionNote: String? = nil, decidedAt: Date? = nil
    ) {
        self.id = id
        self.ticketID = ticketID
        self.plan = plan
        self.status = status
        self.requestedByID = requestedByID
        self.note = note
        self.requestedAt = requestedAt
        self.decidedByID = decidedByID
        self.decisionNote = decisionNote
        self.decidedAt = decidedAt
    }

    /// Asks for `plan` on `ticket`: refused unless the ticket is an open complaint; A is applied at once, B and C
    /// wait for approval.
    public static func request(
        id: UUID, plan: RemedyPlan, on ticket: Ticket, by staffID: UUID, note: String? = nil, now: Date
    ) throws(ServiceDeskError) -> Remedy {
        try TicketLifecycle.ensureComplaint(ticket)
        return Remedy(
            id: id, ticketID: ticket.id, plan: plan, status: plan.needsApproval ? .pendingApproval : .applied,
            requestedByID: staffID, note: note.map { $0.trimmingWhitespace() }.flatMap(\.nilIfEmpty),
            requestedAt: now)
    }

    /// A manager's decision on a remedy waiting for approval.
    public enum Decision: Sendable, Equatable {
        /// The note is optional.
        case approve(note: String?)
        /// The note is required: the requester hears why.
        case decline(note: String)
    }

    /// Records `decision`: only a manager or admin decides, only on a pending remedy, and a decline needs a note.
    public mutating func decide(
        _ decision: Decision, by staffID: UUID, role: Role, now: Date
    ) throws(ServiceDeskError) {
        try StaffAction.decideRemedy.authorize(role)
        guard status == .pendingApproval else { throw .remedyNotPending(status) }
        switch decision {
        case .approve(let note):
            status = .approved
            decisionNote = note.map { $0.trimmingWhitespace() }.flatMap(\.nilIfEmpty)
        case .decline(let note):
            guard let note = note.trimmingWhitespace().nilIfEmpty else { throw .declineNoteRequired }
            status = .declined
            decisionNote = note
        }
        decidedByID = staffID
        decidedAt = now
    }

    /// Who hears of the remedy as it stands: while it waits, each of `approvers` but its requester
    /// (`remedy.requested`); once approved or declined, its requester unless they decided it themselves
    /// (`remedy.decided`); an applied plan A concerns nobody else.
    public func recipients(approvers: [UUID]) -> [NotificationRecipient] {
        switch status {
        case .pendingApproval:
            approvers.filter { $0 != requestedByID }.map {
                NotificationRecipient(userID: $0, kind: NotificationKind.remedyRequested)
            }
        case .approved, .declined:
            decidedByID == requestedByID
                ? [] : [NotificationRecipient(userID: requestedByID, kind: NotificationKind.remedyDecided)]
        case .applied:
            []
        }
    }

    enum CodingKeys: String, CodingKey {
        case id
        case ticketID = "ticket_id"
        case plan, status
        case requestedByID = "requested_by_id"
        case note
        case requestedAt = "requested_at"
        case decidedByID = "decided_by_id"
        case decisionNote = "decision_note"
        case decidedAt = "decided_at"
    }
}
