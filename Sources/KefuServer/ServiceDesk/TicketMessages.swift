import Foundation
import KefuCore

/// A refused service-desk action as one line in the page's language: which complaint steps are
/// missing, why a change is not allowed, or the fields' messages.
enum TicketMessages {
    static func explain(_ error: any Error, ui: WebUI) -> String {
        switch error {
        case ServiceDeskError.complaintIncomplete(let missing):
            return ui.t("ticket.error.complaint_incomplete", ["steps": steps(missing, ui: ui)])
        case let error as ServiceDeskError where ui.strings.has("ticket.error." + error.code):
            return ui.t("ticket.error." + error.code)
        case let error as ServiceDeskError where !error.fieldErrors.isEmpty:
            return fields(error.fieldErrors, ui: ui)
        case let error as ServiceDeskError:
            return error.message
        case DomainError.invalid(let errors):
            return fields(errors, ui: ui)
        case let failure as ValidationFailure:
            return fields(failure.errors, ui: ui)
        case DomainError.notFound:
            return ui.t("ticket.error.not_found")
        default:
            return ui.t("problem.internal")
        }
    }

    /// The steps' names in protocol order, joined as the language lists them.
    static func steps(_ steps: [ComplaintStep], ui: WebUI) -> String {
        steps.map { ui.t("complaint.step." + $0.rawValue) }.joined(separator: ui.t("list.separator"))
    }

    private static func fields(_ errors: [FieldError], ui: WebUI) -> String {
        errors.map { ui.strings.has("error." + $0.code) ? ui.t("error." + $0.code) : $0.message }
            .joined(separator: " ")
    }
}
