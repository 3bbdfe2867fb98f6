import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/kiosk/{branch_id}` (issue 14 §2): the branch's ticket kiosk, no login, in the public layout with its zh/en
/// switch, on a device set up with the branch's device key (`QueueDevice`). GET shows the services as large
/// buttons and an optional phone field; POST (`service_id`, `phone`) takes a ticket (channel `kiosk`) and shows it
/// with a QR code of its status page, then returns to the form for the next customer.
struct QueueKioskPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "kiosk/:branch", show)
        web.post(router, "kiosk/:branch", take)
    }

    private func form(_ branchID: UUID, _ request: Request) -> QueueTicketForm {
        QueueTicketForm(web: web, branchID: branchID, action: request.uri.path, kiosk: true)
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        switch try await QueueDevice(web: web).admit(request, context, page: "kiosk") {
        case .answered(let response): return response
        case .admitted(let branchID): return try await form(branchID, request).form(request, context)
        }
    }

    @Sendable func take(_ request: Request, context: KefuRequestContext) async throws -> Response {
        switch try await QueueDevice(web: web).admit(request, context, page: "kiosk") {
        case .answered(let response): return response
        case .admitted(let branchID): return try await form(branchID, request).take(request, context)
        }
    }
}
