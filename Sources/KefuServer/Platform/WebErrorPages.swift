import Foundation
import Hummingbird
import KefuCore

/// Errors on page routes as people should see them: not logged in → `/login`, a merged customer →
/// its survivor, anything else an HTML page in the chosen language with the request id.
struct WebErrorPages: Sendable {
    let views: WebViews

    /// Page paths; the JSON API and the machine endpoints keep problem+json.
    static func handles(_ path: String) -> Bool {
        !(path == "/api" || path.hasPrefix("/api/") || path == "/metrics" || path == "/healthz")
    }

    struct ErrorView {
        var status: Int
        var message: String
        var requestID: String
        var loggedIn: Bool
    }

    func response(for error: any Error, request: Request, context: KefuRequestContext) -> Response {
        if case DomainError.merged(let survivor) = error {
            return .redirect(to: "/customers/\(survivor.uuidString)", type: .normal)
        }
        let problem = ErrorMiddleware.problem(for: error, context: context)
        if problem.status == .unauthorized { return .redirect(to: "/login", type: .normal) }
        let ui = views.ui(request, context)
        let slug = String(problem.type.dropFirst(Problem.typeBase.count))
        let message = ui.strings.has("problem." + slug) ? ui.t("problem." + slug) : problem.detail
        let model = ErrorView(
            status: Int(problem.status.code), message: message, requestID: context.requestID,
            loggedIn: context.identity != nil)
        return ui.render(
            "error", title: ui.t("error.title", ["status": String(problem.status.code)]), model: model,
            status: problem.status)
    }
}
