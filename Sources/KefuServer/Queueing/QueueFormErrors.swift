import Foundation
import HTTPTypes
import KefuCore

/// The queue's store errors as form errors the staff pages can show in either language: codes the store shares
/// with other fields (`invalid` names and prefixes, `required`) and conflicts, which carry English text only, become codes of
/// their own with `error.<code>` messages in the locale files.
enum QueueFormErrors {
    /// The errors and the page's status, or nil for an error the page should not explain (a 404, a 500).
    static func fieldErrors(_ error: any Error) -> ([FieldError], HTTPResponse.Status)? {
        switch error {
        case DomainError.invalid(let errors): (errors.map(renamed), .unprocessableContent)
        case let failure as ValidationFailure: (failure.errors.map(renamed), .unprocessableContent)
        case DomainError.conflict(_, let field, _):
            (
                [FieldError(field: field ?? "form", code: conflictCodes[field ?? ""] ?? "ticket_moved", message: "")],
                .conflict
            )
        default: nil
        }
    }

    /// What a conflict on each field means on the queue's pages.
    private static let conflictCodes = [
        "status": "ticket_moved", "recalls": "recalls_needed", "open": "counter_closed", "prefix": "prefix_taken",
        "name": "counter_name_taken",
    ]

    private static func renamed(_ error: FieldError) -> FieldError {
        var error = error
        if error.code == "invalid" { error.code = "invalid_" + error.field }
        if error.code == "duplicate" { error.code = "queue_duplicate" }
        if error.code == "required" { error.code = "queue_required_" + error.field }
        return error
    }
}
