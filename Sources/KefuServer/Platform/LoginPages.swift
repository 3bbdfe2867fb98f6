import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/`, `/login` (GET form; POST `email`, `password`, `csrf_token`), `/logout` (GET confirm page;
/// POST ends the session) and `/lang?to=…&back=…` (remembers the language in `kefu_lang`).
struct LoginPages {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "/") { _, context in
            .redirect(to: context.identity == nil ? "/login" : "/customers", type: .normal)
        }
        web.get(router, "login", showLogin)
        web.post(router, "login", login)
        web.get(router, "logout", showLogout)
        web.post(router, "logout", logout)
        web.get(router, "lang", switchLanguage)
    }

    struct LoginView {
        var email: String
        var csrf: String
        var error: String?
    }

    @Sendable func showLogin(_ request: Request, context: KefuRequestContext) async throws -> Response {
        if context.identity != nil { return .redirect(to: "/customers", type: .normal) }
        return loginForm(request, context, email: "", error: nil, status: .ok)
    }

    /// The form with a login CSRF token: the one in the cookie when the browser has it, else a new one.
    private func loginForm(
        _ request: Request, _ context: KefuRequestContext, email: String, error: String?,
        status: HTTPResponse.Status
    ) -> Response {
        let ui = web.views.ui(request, context)
        return WebSession.sessionlessForm(request, configuration: web.configuration) { token in
            ui.render(
                "login", title: ui.t("login.title"), model: LoginView(email: email, csrf: token, error: error),
                status: status)
        }
    }

    @Sendable func login(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let form = try await WebForm.postedWithoutSession(request)
        let ui = web.views.ui(request, context)
        let email = form["email"] ?? ""
        let user: User
        do {
            user = try await web.authenticator.authenticate(
                email: email, password: form.raw("password"), context: context)
        } catch let problem as Problem where problem.status == .unauthorized || problem.status == .tooManyRequests {
            let message =
                problem.status == .tooManyRequests
                ? ui.t("login.throttled", ["seconds": String(problem.retryAfter ?? 60)]) : ui.t("login.failed")
            var response = loginForm(request, context, email: email, error: message, status: problem.status)
            if let wait = problem.retryAfter { response.headers[.retryAfter] = String(wait) }
            return response
        }
        let issued = try await web.repositories.tokens.issue(
            for: user.id, kind: .session,
            lifetime: web.configuration.sessionLifetime, now: context.clock.now())
        var response = Response.redirect(to: "/customers", type: .normal)
        response.setCookie(WebSession.sessionCookie(issued.token, configuration: web.configuration))
        response.setCookie(WebSession.expired(WebSession.loginCSRFCookie, configuration: web.configuration))
        return response
    }

    @Sendable func showLogout(_ request: Request, context: KefuRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let ui = web.views.ui(request, context)
        return ui.render("logout", title: ui.t("logout.title"), model: [String: String]())
    }

    @Sendable func logout(_ request: Request, context: KefuRequestContext) async throws -> Response {
        _ = try await WebForm.posted(request, context: context)
        if let token = request.cookies[WebSession.cookie]?.value {
            try await web.repositories.tokens.revoke(token)
        }
        var response = Response.redirect(to: "/login", type: .normal)
        response.setCookie(WebSession.expired(WebSession.cookie, configuration: web.configuration))
        return response
    }

    @Sendable func switchLanguage(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let query = WebForm.query(request)
        guard let language = query["to"].flatMap(Language.init(rawValue:)) else {
            throw Problem.badRequest("to must be en or zh-Hans.", field: "to")
        }
        var response = Response.redirect(to: WebSession.localPath(query["back"]) ?? "/", type: .normal)
        response.setCookie(
            Cookie(
                name: Language.cookie, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                secure: web.configuration.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }
}
