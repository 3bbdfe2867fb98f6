import Crypto
import Foundation
import Hummingbird

/// Web sessions and CSRF protection: the `kefu_session` cookie carries a session token whose
/// CSRF token every posted form must repeat; forms shown without a session (login, the public
/// `/support` pages) use a double-submit cookie instead: the page repeats the `kefu_login_csrf`
/// cookie's token in a hidden field and the POST must carry both. Another site can make a browser
/// post, but it can neither read nor set that cookie (and SameSite=Lax keeps it off cross-site
/// posts), so it cannot send a matching pair.
enum WebSession {
    static let cookie = AuthenticationMiddleware.sessionCookie
    static let loginCSRFCookie = "kefu_login_csrf"

    static func sessionCookie(_ token: String, configuration: ServerConfiguration) -> Cookie {
        Cookie(
            name: cookie, value: token, maxAge: Int(configuration.sessionLifetime), path: "/",
            secure: configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }

    static func expired(_ name: String, configuration: ServerConfiguration) -> Cookie {
        Cookie(
            name: name, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
            secure: configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }

    static func loginCSRF(_ token: String, configuration: ServerConfiguration) -> Cookie {
        Cookie(
            name: loginCSRFCookie, value: token, maxAge: 2 * 3600, path: "/", secure: configuration.secureCookies,
            httpOnly: true, sameSite: .lax)
    }

    /// The session's CSRF token must come back with every posted form.
    static func checkCSRF(_ sent: String, context: KefuRequestContext) throws {
        guard let expected = context.identity?.csrfToken else { throw Problem.unauthorized() }
        guard matches(sent, expected) else { throw csrfProblem }
    }

    static let csrfProblem = Problem(
        .forbidden, "csrf", "Forbidden", detail: "Missing or wrong CSRF token; reload the page.")

    /// Renders a session-less form page around its CSRF token: the browser's cookie when it holds a
    /// well-formed one, else a new one, set on the response.
    static func sessionlessForm(
        _ request: Request, configuration: ServerConfiguration, _ render: (_ csrfToken: String) -> Response
    ) -> Response {
        let existing = (request.cookies[loginCSRFCookie]?.value).flatMap {
            $0.count == 32 && $0.allSatisfy(\.isHexDigit) ? $0 : nil
        }
        let token = existing ?? randomID()
        var response = render(token)
        if existing == nil { response.setCookie(loginCSRF(token, configuration: configuration)) }
        return response
    }

    /// A session-less form must repeat its cookie's token.
    static func checkSessionlessCSRF(_ sent: String, request: Request) throws {
        guard let cookie = request.cookies[loginCSRFCookie]?.value, matches(sent, cookie) else { throw csrfProblem }
    }

    /// Constant-time comparison, so the token cannot be guessed byte by byte from timings.
    static func matches(_ sent: String, _ expected: String) -> Bool {
        let (a, b) = (Array(sent.utf8), Array(expected.utf8))
        guard !a.isEmpty, a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// 128 random bits as hex: login CSRF tokens and upload ids.
    static func randomID() -> String {
        SymmetricKey(size: .bits128).withUnsafeBytes { $0.lowercaseHex }
    }

    /// Only paths on this site, so `back=` cannot send users elsewhere: exactly one leading `/`, no
    /// `\\` and no control character (browsers drop tabs and newlines, so `/\t/evil.example` would
    /// become `//evil.example`, another host).
    static func localPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
            !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return nil }
        return text
    }
}
