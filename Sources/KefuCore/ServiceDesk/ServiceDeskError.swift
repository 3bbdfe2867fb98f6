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
}

/// Service-desk actions reserved to a role above agent.
public enum StaffAction: String, Sendable, Equatable, CaseIterable {
    /// Naming a ticket's owner at creation (`owner_id`).
    case setOwner = "set_owner"
    /// Approving or declining a B or C remedy.
    case decideRemedy = "decide_remedy"

    /// The lowest role that may do it.
    public var requiredRole: Role { .manager }

    /// Throws `forbidden` unless `role` may do this action.
    public func authorize(_ role: Role) throws(ServiceDeskError) {
        guard role.includes(requiredRole) else { throw .forbidden(self) }
    }
}
