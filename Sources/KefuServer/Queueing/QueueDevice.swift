import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The device key a branch's kiosk (`/kiosk/{branch_id}`) and display board (`/board/{branch_id}`) present (issue 14
/// §2, §6). The admin makes the key (`POST /api/v1/queue/branches/{id}/device-key`) and opens the page once with
/// `?key=…`; the page keeps the key in a long-lived HttpOnly cookie scoped to its own path and redirects to the bare
/// address, so the key leaves the address bar and the history and the device keeps working across restarts.
/// The cookie is SameSite=Lax: another site's post arrives without it and is refused, which is what keeps the
/// kiosk's form safe from cross-site posts (a kiosk page stays open for days, longer than a form token would
/// last), while a link opened from a chat app still sets the device up (Strict would drop the cookie on that
/// first redirect). A missing or wrong key is a 403 page telling to ask the admin; an unknown branch a 404 page.
struct QueueDevice {
    let web: WebRoutes

    static let cookie = "kefu_device"
    /// As long as browsers keep a cookie (400 days): a device stays set up until the admin renews the key.
    static let lifetime = 400 * 24 * 3600

    /// Where a request stands: on a set-up device of the branch, or answered already (the redirect that keeps
    /// the key, a refusal).
    enum Admission {
        case admitted(branchID: UUID)
        case answered(Response)
    }

    /// Checks the key of a request to `/<page>/{branch}…` (`page` is `kiosk` or `board`).
    func admit(_ request: Request, _ context: KefuRequestContext, page: String) async throws -> Admission {
        let ui = web.views.ui(request, context)
        let segment = context.parameters.get("branch") ?? ""
        guard let branchID = UUID(uuidString: segment) else { return .answered(Self.unknownBranch(ui)) }
        let given = WebForm.query(request).value("key")
        let key = given ?? request.cookies[Self.cookie]?.value ?? ""
        do {
            guard try await web.repositories.queueSetup.acceptsDeviceKey(key, for: branchID) else {
                return .answered(Self.refusal(ui, key: "denied", status: .forbidden))
            }
        } catch DomainError.notFound {
            return .answered(Self.unknownBranch(ui))
        }
        guard given != nil else { return .admitted(branchID: branchID) }
        // The path as the device asked for it: a cookie's path matches case-sensitively.
        let path = "/\(page)/\(segment)"
        var response = Response.redirect(to: path, type: .normal)
        response.setCookie(
            Cookie(
                name: Self.cookie, value: key, maxAge: Self.lifetime, path: path,
                secure: web.configuration.secureCookies, httpOnly: true, sameSite: .lax))
        return .answered(response)
    }

    static func unknownBranch(_ ui: WebUI) -> Response {
        refusal(ui, key: "unknown_branch", status: .notFound)
    }

    /// A public queue page's refusal: the heading `queue_public.<key>` and the text `queue_public.<key>_text`.
    static func refusal(_ ui: WebUI, key: String, status: HTTPResponse.Status) -> Response {
        SupportStatusPage.linkErrorPage(ui, template: "member_link", prefix: "queue_public", key: key, status: status)
    }
}
