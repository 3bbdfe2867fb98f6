import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The server-rendered web UI. Page routes (a contract, like the API's): `/login`, `/logout`,
/// `/customers`, `/customers/new`, `/customers/{id}`, `/customers/{id}/edit`, `/import`,
/// `/admin/users`, `/admin/branches`, `/admin/settings`, `/admin/audit`; every one but `/login`
/// sends logged-out visitors to `/login`. Forms post back to the page they are on or to a
/// sub-path of it, as each page file lists; every POST checks the session's CSRF token.
struct WebRoutes: Sendable {
    let database: KefuDatabase
    let auth: AuthRoutes
    let passwords: Passwords
    let configuration: ServerConfiguration
    let views: WebViews
    /// Where uploaded import files wait between preview and commit.
    let uploads: UploadFolder

    init(
        database: KefuDatabase, auth: AuthRoutes, passwords: Passwords, configuration: ServerConfiguration,
        views: WebViews, uploads: UploadFolder
    ) {
        self.database = database
        self.auth = auth
        self.passwords = passwords
        self.configuration = configuration
        self.views = views
        self.uploads = uploads
    }

    typealias Handler = @Sendable (Request, KefuRequestContext) async throws -> Response

    func register(on router: Router<KefuRequestContext>) {
        LoginPages(web: self).register(on: router)
        CustomerListPage(web: self).register(on: router)
        CustomerFormPage(web: self).register(on: router)
        CustomerPage(web: self).register(on: router)
        ImportPage(web: self).register(on: router)
        AdminUsersPage(web: self).register(on: router)
        AdminBranchesPage(web: self).register(on: router)
        AdminSettingsPage(web: self).register(on: router)
        AdminAuditPage(web: self).register(on: router)
        router.get("static/:file") { _, context in
            guard let name = context.parameters.get("file"), let file = views.staticFiles[name] else {
                throw Problem.notFound()
            }
            return Response(
                status: .ok, headers: [.contentType: file.contentType, .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
        }
    }

    func get(_ router: Router<KefuRequestContext>, _ path: RouterPath, _ handler: @escaping Handler) {
        router.get(path) { request, context in await respond(handler, request, context) }
    }

    func post(_ router: Router<KefuRequestContext>, _ path: RouterPath, _ handler: @escaping Handler) {
        router.post(path) { request, context in await respond(handler, request, context) }
    }

    /// Errors become pages here, where the caller is known, so the error page shows their navigation.
    private func respond(_ handler: Handler, _ request: Request, _ context: KefuRequestContext) async -> Response {
        do {
            return try await handler(request, context)
        } catch {
            return WebErrorPages(views: views).response(for: error, request: request, context: context)
        }
    }

    /// 303 to `path` with a flash message key for the page it lands on.
    static func redirect(_ path: String, flash: String? = nil) -> Response {
        let separator = path.contains("?") ? "&" : "?"
        return .redirect(to: flash.map { path + separator + "flash=" + $0 } ?? path, type: .normal)
    }
}

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
        let existing = request.cookies[WebSession.loginCSRFCookie]?.value
        let token =
            existing.flatMap { $0.count == 32 && $0.allSatisfy(\.isHexDigit) ? $0 : nil } ?? WebSession.randomID()
        let ui = web.views.ui(request, context)
        var response = ui.render(
            "login", title: ui.t("login.title"), model: LoginView(email: email, csrf: token, error: error),
            status: status)
        if existing != token { response.setCookie(WebSession.loginCSRF(token, configuration: web.configuration)) }
        return response
    }

    @Sendable func login(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: WebForm.maxBodySize)
        let form = WebForm(urlEncoded: String(decoding: buffer.readableBytesView, as: UTF8.self))
        guard let cookie = request.cookies[WebSession.loginCSRFCookie]?.value,
            WebSession.matches(form.raw("csrf_token"), cookie)
        else { throw WebSession.csrfProblem }
        let ui = web.views.ui(request, context)
        let email = form["email"] ?? ""
        let user: User
        do {
            user = try await web.auth.authenticate(email: email, password: form.raw("password"), context: context)
        } catch let problem as Problem where problem.status == .unauthorized || problem.status == .tooManyRequests {
            let message =
                problem.status == .tooManyRequests
                ? ui.t("login.throttled", ["seconds": String(problem.retryAfter ?? 60)]) : ui.t("login.failed")
            var response = loginForm(request, context, email: email, error: message, status: problem.status)
            if let wait = problem.retryAfter { response.headers[.retryAfter] = String(wait) }
            return response
        }
        let issued = try await TokenRepository(web.database).issue(
            for: user.id, kind: .session,
            lifetime: web.configuration.sessionLifetime, now: Date())
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
            try await TokenRepository(web.database).revoke(token)
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
