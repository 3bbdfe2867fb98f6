import Foundation
import HTTPTypes
import Hummingbird
import KefuStore

/// Resolves the caller from `Authorization: Bearer …` or the web session cookie. It never
/// rejects: routes decide with `context.require(_:)`, so public routes stay public.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = KefuRequestContext
    let tokens: TokenRepository
    let metricsToken: String?

    static let sessionCookie = "kefu_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let now = context.clock.now()
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw Problem.unauthorized("The Authorization header must be \"Bearer <token>\".")
            }
            if let metricsToken, Self.segments(request.uri.path) == ["metrics"],
                WebSession.matches(String(parts[1]), metricsToken)
            {
                context.isMetricsScraper = true
                return try await next(request, context)
            }
            guard let holder = try await tokens.holder(of: String(parts[1]), now: now), holder.kind == .api else {
                throw Problem.unauthorized("The bearer token is unknown, revoked or expired.")
            }
            context.identity = Identity(user: holder.user, tokenID: holder.tokenID, viaSession: false, csrfToken: nil)
        } else if let cookie = request.cookies[Self.sessionCookie]?.value,
            let holder = try await tokens.holder(of: cookie, now: now), holder.kind == .session
        {
            context.identity = Identity(
                user: holder.user, tokenID: holder.tokenID, viaSession: true, csrfToken: holder.csrfToken)
            // A cookie rides along on cross-site requests; unsafe API calls made with it must prove
            // they come from our pages.
            if ![.get, .head, .options].contains(request.method), Self.segments(request.uri.path).first == "api",
                !WebSession.matches(request.headers[.xCSRFToken] ?? "", holder.csrfToken ?? "")
            {
                throw Problem(.forbidden, "csrf", "Forbidden", detail: "Missing or wrong X-CSRF-Token header.")
            }
        }
        context.logger[metadataKey: "user"] = context.identity.map { .string($0.user.email) }
        return try await next(request, context)
    }

    /// The path as the router reads it: empty segments dropped and each one percent-decoded, so
    /// `//api/…` or `/%61pi/…` is seen as the API it reaches.
    static func segments(_ path: String) -> [String] {
        path.split(separator: "/").map { String($0).removingPercentEncoding?.lowercased() ?? String($0) }
    }
}

extension HTTPField.Name {
    static let xCSRFToken = HTTPField.Name("X-CSRF-Token")!
}
