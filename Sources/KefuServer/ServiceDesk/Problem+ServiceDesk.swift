import Hummingbird
import KefuCore

extension Problem {
    /// The response for a service-desk rule: 400 with the field, 403, 409, or 422 with `missing`.
    static func from(_ error: ServiceDeskError) -> Problem {
        let slug = error.code.replacingOccurrences(of: "_", with: "-")
        switch error {
        case .invalid, .transferReasonRequired, .declineNoteRequired:
            return Problem(
                .badRequest, "validation", "Invalid request", detail: error.message, errors: error.fieldErrors)
        case .forbidden:
            return Problem(.forbidden, "forbidden", "Forbidden", detail: error.message)
        case .complaintIncomplete(let missing):
            var problem = Problem(.unprocessableContent, slug, "Complaint incomplete", detail: error.message)
            problem.missing = missing.map(\.rawValue)
            return problem
        case .ticketClosed, .transitionNotAllowed, .notAComplaint, .remedyNotPending, .mergeIntoItself,
            .mergeTargetClosed, .differentCustomers, .alreadyLinked:
            return Problem(.conflict, slug, "Conflict", detail: error.message)
        }
    }
}
