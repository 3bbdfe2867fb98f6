import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/join/{branch_id}?token=…` (issue 14 §2): the remote join page a customer reaches through the branch's join
/// link (a QR poster; admins get it from `GET /api/v1/queue/branches/{id}/join-link`). No login and no device key:
/// the signed link is the key, and each address may take `QueueTicketRepository.remoteJoinLimit` tickets an hour
/// (channel `remote`). The same service choice as the kiosk, at phone width; the form carries a double-submit CSRF
/// token as the other public forms do. A link that does not open this branch is a 404 page, an expired one a 410
/// page.
struct QueueJoinPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "join/:branch", show)
        web.post(router, "join/:branch", take)
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        switch try await open(request, context) {
        case .refused(let response): response
        case .opened(let form): try await form.form(request, context)
        }
    }

    @Sendable func take(_ request: Request, context: KefuRequestContext) async throws -> Response {
        switch try await open(request, context) {
        case .refused(let response): response
        case .opened(let form): try await form.take(request, context, remoteAddress: context.clientAddress ?? "unknown")
        }
    }

    /// The form of the branch whose join link the request carries, or the page to show when the link does not open.
    enum Opened {
        case opened(QueueTicketForm)
        case refused(Response)
    }

    private func open(_ request: Request, _ context: KefuRequestContext) async throws -> Opened {
        let ui = web.views.ui(request, context)
        guard let branchID = context.parameters.get("branch").flatMap(UUID.init(uuidString:)) else {
            return .refused(QueueDevice.unknownBranch(ui))
        }
        let token = WebForm.query(request).raw("token")
        do {
            try await web.repositories.queueSetup.checkJoinLink(token, for: branchID, now: context.clock.now())
        } catch let failure as SignedLinkFailure {
            let key = failure == .expired ? "join_expired" : "join_not_found"
            return .refused(QueueDevice.refusal(ui, key: key, status: Problem.from(failure).status))
        }
        let action = "/join/\(branchID.uuidString.lowercased())?token=\(WebForm.encode(token))"
        return .opened(QueueTicketForm(web: web, branchID: branchID, action: action, kiosk: false))
    }
}
