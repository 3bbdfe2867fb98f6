import Foundation
import HTTPTypes
import Hummingbird
import KefuCore
import KefuStore

/// The ticket form the kiosk and the remote join page share (issue 14 §2): the branch's services as large buttons
/// (tapping one takes the ticket), an optional phone that links the ticket to the customer as the API's `phone`
/// does, and the ticket taken — big number, service, place in line, estimated wait and its status page, with a QR
/// code on the kiosk so the customer takes the page along on their phone. A wrong service or phone shows the
/// form again with the message, and nothing is written.
struct QueueTicketForm {
    let web: WebRoutes
    let branchID: UUID
    /// The address the form posts to and the "take another" link goes back to.
    let action: String
    /// The kiosk (tablet-sized, QR code, back to the form after a while) or the remote join page (phone-sized).
    let kiosk: Bool

    struct FormView {
        var action: String
        var formToken: String?
        var kiosk: Bool
        var services: [Choice]
        var empty: Bool
        var phone: FieldView
        var general: [String]
        var hasErrors: Bool
    }

    struct Choice {
        var id: String
        var name: String
        var waiting: String
    }

    struct IssuedView {
        var kiosk: Bool
        var number: String
        var service: String
        var position: String?
        var wait: String?
        var statusURL: String
        var qr: String?
        var again: String
        var returnAfter: Int
    }

    /// Seconds the kiosk shows a ticket before it is ready for the next customer.
    static let kioskReturnSeconds = 45

    /// The form. The join page's carries a double-submit CSRF token as the other public forms do; the kiosk's
    /// needs none, its device cookie keeps other sites' posts out (`QueueDevice`).
    func form(
        _ request: Request, _ context: KefuRequestContext, phone: String = "", errors: [FieldError] = [],
        general: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let services = try await web.repositories.queueSetup.services(of: branchID, activeOnly: true)
        let waiting = try await web.repositories.queueTickets.state(of: branchID).waiting
        let messages = FieldMessages(errors, ui: ui, values: { _ in phone }, inputs: ["phone"])
        var model = FormView(
            action: action, formToken: nil, kiosk: kiosk,
            services: services.map { service in
                let count = waiting.first { $0.serviceID == service.id }?.total ?? 0
                return Choice(
                    id: service.id.uuidString, name: service.name(in: ui.language.rawValue),
                    waiting: ui.t("queue_public.waiting", ["count": String(count)]))
            }, empty: services.isEmpty, phone: messages.field("phone", value: phone),
            general: messages.general + general, hasErrors: !messages.isEmpty || !general.isEmpty)
        func render(_ csrf: String?) -> Response {
            model.formToken = csrf
            return SupportStatusPage.unlisted(
                ui.render("queue_take", title: ui.t("queue_public.take_title"), model: model, status: status))
        }
        if kiosk { return render(nil) }
        return WebSession.sessionlessForm(request, configuration: web.configuration) { render($0) }
    }

    /// Reads the posted form: the kiosk's as it comes, the join page's with its CSRF token checked.
    func posted(_ request: Request) async throws -> WebForm {
        kiosk ? try await WebForm.postedFromDevice(request) : try await WebForm.postedWithoutSession(request)
    }

    /// Issues the ticket the posted form asks for (`service_id`, `phone`) and shows it (201), or the form again
    /// with what is wrong (400; 429 past the remote allowance).
    func take(_ request: Request, _ context: KefuRequestContext, remoteAddress: String? = nil) async throws
        -> Response
    {
        let form = try await posted(request)
        let ui = web.views.ui(request, context)
        let phone = form.raw("phone")
        let placed: QueueTicketRepository.Placed
        do {
            guard let serviceID = form["service_id"].flatMap(UUID.init(uuidString:)) else {
                throw DomainError.invalid([
                    FieldError(field: "service_id", code: "unknown_service", message: "No such queue service.")
                ])
            }
            placed = try await web.repositories.queueTickets.issue(
                .init(
                    serviceID: serviceID, phone: phone, channel: kiosk ? "kiosk" : "remote", branchID: branchID,
                    remoteAddress: remoteAddress),
                by: context.attribution())
        } catch DomainError.invalid(let errors) {
            return try await self.form(request, context, phone: phone, errors: errors, status: .badRequest)
        } catch let limited as RateLimitExceeded {
            let minutes = String((limited.retryAfter + 59) / 60)
            var response = try await self.form(
                request, context, phone: phone,
                general: [ui.t("queue_public.limited", ["minutes": minutes])], status: .tooManyRequests)
            response.headers[.retryAfter] = String(limited.retryAfter)
            return response
        }
        let ticket = placed.ticket
        let service = try await web.repositories.queueSetup.service(ticket.serviceID)
        let statusPath = "/q/" + (placed.statusToken ?? "")
        let statusURL = web.configuration.publicLink(statusPath, request: request)
        let model = IssuedView(
            kiosk: kiosk, number: ticket.number, service: service.name(in: ui.language.rawValue),
            position: placed.position.map { ui.t("queue_status.position", ["position": String($0)]) },
            wait: ticket.estimateLow.map { low in
                ui.t("queue_status.wait", ["low": String(low), "high": String(ticket.estimateHigh ?? low)])
            }, statusURL: statusPath,
            qr: kiosk ? (try? QRCode(statusURL).svg(title: ticket.number)) : nil, again: action,
            returnAfter: Self.kioskReturnSeconds)
        return SupportStatusPage.unlisted(
            ui.render(
                "queue_taken", title: ui.t("queue_status.title", ["number": ticket.number]), model: model,
                status: .created))
    }
}
