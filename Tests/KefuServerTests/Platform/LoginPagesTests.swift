import Foundation
import HummingbirdTesting
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@testable import KefuServer

@Suite("Web: login, sessions, language")
struct LoginPagesTests {
    static let pages = [
        "/", "/logout", "/customers", "/customers/new", "/customers/\(UUID().uuidString)",
        "/customers/\(UUID().uuidString)/edit", "/import", "/customers/export.csv", "/admin/users",
        "/admin/branches", "/admin/settings", "/admin/audit",
    ]

    @Test(arguments: Engine.available)
    func everyPageButLoginRedirectsLoggedOutVisitorsToLogin(engine: Engine) async throws {
        try await TestApp.run(engine) { _, client in
            for path in Self.pages {
                let response = try await client.page(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.location == "/login", "\(path)")
            }
            let posted = try await client.submit("/customers/new", [("name", "X")], session: nil, csrf: "x")
            #expect(posted.location == "/login")
            let login = try await client.page("/login")
            #expect(login.status == .ok)
            #expect(login.body.contains(#"name="email""#) && login.body.contains(#"name="password""#))
            #expect(login.body.contains(#"<input type="hidden" name="csrf_token""#))
        }
    }

    @Test(arguments: Engine.available)
    func loginSetsAnHttpOnlyLaxSessionCookieAndLogoutRevokesIt(engine: Engine) async throws {
        try await TestApp.run(engine) { _, client in
            // setup
            let form = try await client.page("/login")
            let token = try #require(form.cookieValue(WebSession.loginCSRFCookie))
            // MUT
            let response = try await client.submit(
                "/login", [("email", "agent@example.test"), ("password", TestApp.password)],
                session: nil, csrf: token, extraCookie: "kefu_login_csrf=\(token)")
            // validate
            #expect(response.status == .seeOther)
            #expect(response.location == "/customers")
            let cookie = try #require(response.setCookies["kefu_session"])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Max-Age=43200"))
            #expect(!cookie.contains("Secure"))
            let session = try await client.webLogin(.agent)
            let root = try await client.page("/", session: session)
            #expect(root.location == "/customers")
            let logout = try await client.submit("/logout", [], session: session)
            #expect(logout.status == .seeOther && logout.location == "/login")
            let after = try await client.page("/customers", session: session)
            #expect(after.location == "/login")
        }
    }

    @Test(arguments: Engine.available)
    func wrongPasswordOrMissingOrWrongCSRFTokenLogsNobodyIn(engine: Engine) async throws {
        try await TestApp.run(engine) { _, client in
            let form = try await client.page("/login")
            let token = try #require(form.cookieValue(WebSession.loginCSRFCookie))
            let cookie = "kefu_login_csrf=\(token)"
            let good = [("email", "admin@example.test"), ("password", TestApp.password)]
            let wrongPassword = try await client.submit(
                "/login", [("email", "admin@example.test"), ("password", "not the password")],
                session: nil, csrf: token, extraCookie: cookie)
            #expect(wrongPassword.status == .unauthorized)
            #expect(wrongPassword.body.contains("Wrong email or password."))
            #expect(wrongPassword.setCookies["kefu_session"] == nil)
            let missing = try await client.submit("/login", good, session: nil, csrf: "", extraCookie: cookie)
            #expect(missing.status == .forbidden)
            #expect(missing.setCookies["kefu_session"] == nil)
            let wrong = try await client.submit(
                "/login", good, session: nil, csrf: String(repeating: "0", count: 32),
                extraCookie: cookie)
            #expect(wrong.status == .forbidden)
            let noCookie = try await client.submit("/login", good, session: nil, csrf: token)
            #expect(noCookie.status == .forbidden)
            #expect(noCookie.body.contains("<html lang=\"en\">"))
        }
    }

    @Test(arguments: Engine.available)
    func languageFollowsAcceptLanguageAndTheRememberedChoiceWins(engine: Engine) async throws {
        try await TestApp.run(engine) { _, client in
            let chinese = try await client.page("/login", language: "zh-CN,zh;q=0.9")
            #expect(chinese.body.contains(#"<html lang="zh-Hans">"#))
            #expect(chinese.body.contains("登录客服系统"))
            let taiwan = try await client.page("/login", language: "en-US, zh-TW;q=0.5")
            #expect(taiwan.body.contains(#"<html lang="zh-Hans">"#))
            let english = try await client.page("/login", language: "fr-FR,en;q=0.8")
            #expect(english.body.contains(#"<html lang="en">"#))
            let none = try await client.page("/login")
            #expect(none.body.contains(#"<html lang="en">"#))
            let switched = try await client.page("/lang?to=en&back=%2Fcustomers")
            #expect(switched.location == "/customers")
            #expect(switched.cookieValue("kefu_lang") == "en")
            let chosen = try await client.page("/login", cookie: "kefu_lang=en", language: "zh-CN,zh;q=0.9")
            #expect(chosen.body.contains(#"<html lang="en">"#))
            let offsite = try await client.page("/lang?to=zh-Hans&back=//evil.example")
            #expect(offsite.location == "/")
            // The switch is on every page, pointing back at it.
            let session = try await client.webLogin(.agent)
            let list = try await client.page("/customers?q=a", session: session)
            #expect(list.body.contains(#"href="/lang?to=zh-Hans&amp;back=/customers%3Fq%3Da""#))
        }
    }

    @Test
    func bothLocalesHaveTheSameKeys() throws {
        let views = try WebViews.load()
        let english = try #require(views.strings[.en]).entries
        let chinese = try #require(views.strings[.zhHans]).entries
        #expect(Set(english.keys).symmetricDifference(chinese.keys).sorted() == [])
    }

    @Test(arguments: Engine.available)
    func apiErrorsStayProblemJSONAndUnknownPagesAreHTML(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let api = try await client.call(.get, "/api/v1/customers", as: nil, app: app)
            #expect(api.status == .unauthorized)
            #expect(api.headers[.contentType] == "application/problem+json")
            let missing = try await client.page("/no-such-page")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
            let css = try await client.page("/static/app.css")
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
        }
    }
}
