/// Why a service-desk change is refused. The server maps each case to one status and problem type (noted per
/// case); `fieldErrors` gives the per-field form of the 400 cases.
public enum ServiceDeskError: Error, Sendable, Equatable {
    /// 409: a closed ticket is read-only.
    case ticketClosed
    /// 409: the lifecycle does not allow this status change.
    case transitionNotAllowed(from: TicketStatus, to: TicketStatus)
    /// 422: a complaint cannot be resolved or closed yet; `missing` lists the gate's unrecorded steps in order.
    case complaintIncomplete(missing: [ComplaintStep])
    /// 409: complaint steps and remedies exist only on complaints.
    case notAComplaint
    /// 403: the caller's role may not do this.
    case forbidden(StaffAction)
    /// 400 on `transfer_reason`: every change of assignee needs a reason.
    case transferReasonRequired
    /// 400 on `note`: a declined remedy says why.
    case declineNoteRequired
    /// 409: only a remedy waiting for approval can be approved or declined.
    case remedyNotPending(RemedyStatus)
    /// 400: input failed validation, field by field.
    case invalid([FieldError])
    /// 409: a ticket cannot be merged into itself.
    case mergeIntoItself
    /// 409: a ticket can only be merged into one that is still open to changes (not closed, not merged).
    case mergeTargetClosed
    /// 409: tickets of different customers are not merged (the survivor's status link would show one customer
    /// the other's conversation); merge the customers first.
    case differentCustomers
    /// 409: two tickets are joined by at most one link.
    case alreadyLinked

    /// The field errors of a 400, empty for the other cases.
    public var fieldErrors: [FieldError] {
        switch self {
        case .transferReasonRequired:
            [FieldError(field: "transfer_reason", code: "required", message: "A transfer needs a reason.")]
        case .declineNoteRequired:
            [FieldError(field: "note", code: "required", message: "Say why the remedy is declined.")]
        case .invalid(let errors): errors
        default: []
        }
    }

    /// A stable, machine-readable name for the problem type and for localised messages.
    public var code: String {
        switch self {
        case .ticketClosed: "ticket_closed"
        case .transitionNotAllowed: "transition_not_allowed"
        case .complaintIncomplete: "complaint_incomplete"
        case .notAComplaint: "not_a_complaint"
        case .forbidden: "forbidden"
        case .transferReasonRequired: "transfer_reason_required"
        case .declineNoteRequired: "decline_note_required"
        case .remedyNotPending: "remedy_not_pending"
        case .invalid: "invalid"
        case .mergeIntoItself: "merge_into_itself"
        case .mergeTargetClosed: "merge_target_closed"
        case .differentCustomers: "different_customers"
        case .alreadyLinked: "already_linked"
        }
    }

    /// The English fallback for the problem's `detail`; the server localises by `code`.
    public var message: String {
        switch self {
        case .ticketClosed:
            "The ticket is closed and can no longer be changed."
        case .transitionNotAllowed(let from, let to):
            "A ticket cannot go from \(from.rawValue) to \(to.rawValue)."
        case .complaintIncomplete(let missing):
            "A complaint cannot be resolved or closed before \(Self.list(missing.map(\.rawValue))) "
                + (missing.count == 1 ? "is" : "are") + " recorded."
        case .notAComplaint:
            "Only a complaint has complaint steps and remedies."
        case .forbidden(let action):
            "Only a \(action.requiredRole.rawValue) or above may \(action.phrase)."
        case .transferReasonRequired, .declineNoteRequired, .invalid:
            fieldErrors.map(\.message).joined(separator: " ")
        case .remedyNotPending(let status):
            "The remedy is \(status.rawValue.split(separator: "_").joined(separator: " ")), not waiting for approval."
        case .mergeIntoItself:
            "A ticket cannot be merged into itself."
        case .mergeTargetClosed:
            "A ticket can only be merged into one that is not closed."
        case .differentCustomers:
            "The tickets belong to different customers; merge the customers first."
        case .alreadyLinked:
            "The tickets are already linked."
        }
    }

    private static func list(_ words: [String]) -> String {
        guard let last = words.last, words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " and " + last
    }
}
