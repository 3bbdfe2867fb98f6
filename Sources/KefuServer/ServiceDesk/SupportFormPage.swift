import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/support/new`, public (no login, its own layout): the form customers file a ticket with (GET), and its
/// submission (POST `name`, `phone`, `email`, `subject`, `description`, the honeypot `website`, `csrf_token`),
/// which answers with the ticket's number and status link. There is no session to hold a CSRF token, so the form
/// carries a double-submit cookie's (see `WebSession`).
struct SupportFormPage {
    let web: WebRoutes
    let desk: SupportDesk

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "support/new", show)
        web.post(router, "support/new", submit)
    }

    struct FormView {
        var csrf: String
        var name, phone, email, subject, description: FieldView
        var general: [String]
        var hasErrors: Bool
    }

    struct ReceiptView {
        var number: String
        var statusURL: String
    }

    static let inputs: Set<String> = ["name", "phone", "email", "subject", "description"]

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        form(request, context, values: WebForm(), errors: [], status: .ok)
    }

    @Sendable func submit(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let form = try await WebForm.postedWithoutSession(request)
        let input = PublicTicketRequest(
            name: form.raw("name"), phone: form.value("phone"), email: form.value("email"),
            subject: form.raw("subject"), description: form.raw("description"), website: form.value("website"))
        let ui = web.views.ui(request, context)
        do {
            let receipt = try await desk.submit(input, language: ui.language, context: context)
            return ui.render(
                "support_sent", title: ui.t("support.sent.title"),
                model: ReceiptView(number: receipt.number.description, statusURL: receipt.statusURL), status: .created)
        } catch DomainError.invalid(let errors) {
            return self.form(request, context, values: form, errors: errors, status: .badRequest)
        } catch let limited as RateLimitExceeded {
            let minutes = String((limited.retryAfter + 59) / 60)
            var response = self.form(
                request, context, values: form,
                general: [ui.t("support.new.limited", ["minutes": minutes])], status: .tooManyRequests)
            response.headers[.retryAfter] = String(limited.retryAfter)
            return response
        }
    }

    private func form(
        _ request: Request, _ context: KefuRequestContext, values: WebForm, errors: [FieldError] = [],
        general: [String] = [], status: HTTPResponse.Status
    ) -> Response {
        let ui = web.views.ui(request, context)
        let messages = FieldMessages(errors, ui: ui, values: { values.raw($0) }, inputs: Self.inputs)
        func field(_ name: String) -> FieldView { messages.field(name, value: values.raw(name)) }
        return WebSession.sessionlessForm(request, configuration: web.configuration) { token in
            ui.render(
                "support_new", title: ui.t("support.new.title"),
                model: FormView(
                    csrf: token, name: field("name"), phone: field("phone"), email: field("email"),
                    subject: field("subject"), description: field("description"),
                    general: messages.general + general, hasErrors: !messages.isEmpty || !general.isEmpty),
                status: status)
        }
    }
}
