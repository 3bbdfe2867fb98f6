import Foundation
import HTTPTypes
import Hummingbird
import KefuCore

/// What an admin list page with an edit form per record and one for a new record shares (`/admin/branches`,
/// `/admin/mailboxes`): a post to `base` creates, to `base/{id}` updates, through the store method the API calls;
/// saved, it redirects back with a flash; refused, the page is shown again with that one form open, holding what
/// was typed and the messages by its inputs.
struct AdminRecordForms: Sendable {
    /// A refused post: whose form (nil for the new record's), what was typed and the messages.
    struct Failure {
        var id: UUID?
        var form: WebForm
        var messages: FieldMessages
    }

    /// Where the forms post (`/admin/branches`) and the letter their input ids start with (`b`).
    let base: String
    let idPrefix: String
    /// The inputs a field error is shown by; any other goes to the form's general messages.
    let inputs: Set<String>
    /// Store error codes that mean something else on this page (a mailbox's `conflict` is `mailbox_taken`).
    var codes: [String: String] = [:]

    /// Handles the post of one form: `write` with what was typed (`id` nil creates), then back to the list with
    /// `flash`, or the page again by `render` with the failure.
    func save(
        _ request: Request, _ context: KefuRequestContext, web: WebRoutes, id: UUID?, flash: String,
        write: (WebForm) async throws -> Void,
        render: (Failure, HTTPResponse.Status) async throws -> Response
    ) async throws -> Response {
        try context.require(.admin)
        let form = try await WebForm.posted(request, context: context)
        do {
            try await write(form)
            return WebRoutes.redirect(base, flash: flash)
        } catch {
            guard let (errors, status) = AdminUsersPage.formErrors(error) else { throw error }
            let ui = web.views.ui(request, context)
            let renamed = errors.map { error in
                var out = error
                out.code = codes[error.code] ?? error.code
                return out
            }
            let messages = FieldMessages(renamed, ui: ui, inputs: inputs)
            return try await render(Failure(id: id, form: form, messages: messages), status)
        }
    }

    /// One record's form (`id` nil: the new record's) as the page shows it, given the refused post if any.
    func form(id: UUID?, failed: Failure?, ui: WebUI) -> Form {
        let failure = failed.flatMap { $0.id == id ? $0 : nil }
        return Form(
            action: id.map { "\(base)/\($0.uuidString)" } ?? base,
            prefix: id.map { idPrefix + $0.uuidString.prefix(8) } ?? "n" + idPrefix,
            open: failure != nil && id != nil, failure: failure,
            messages: failure?.messages ?? FieldMessages([], ui: ui, inputs: inputs))
    }

    /// A form's address, input-id prefix, whether it opens refused, and its values and messages.
    struct Form {
        var action: String
        var prefix: String
        var open: Bool
        var failure: Failure?
        var messages: FieldMessages

        /// What the input shows: what was typed into this form if it was refused, else the stored value.
        func value(_ name: String, _ stored: String?) -> String {
            failure.map { $0.form.raw(name) } ?? stored ?? ""
        }
    }
}
