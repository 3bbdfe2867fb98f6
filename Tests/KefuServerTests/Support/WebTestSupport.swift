import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KefuCore
import KefuStore
import Testing

@testable import KefuServer

/// A logged-in browser, reduced to what the server sees: its cookies and the page's CSRF token.
struct WebSessionCookies: Sendable {
    var cookies: [String: String]
    var csrf: String

    var header: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
}

struct WebResponse: Sendable {
    var status: HTTPResponse.Status
    var body: String
    var headers: HTTPFields

    var location: String? { headers[.location] }

    /// The `Set-Cookie` lines by cookie name.
    var setCookies: [String: String] {
        Dictionary(
            headers[values: .setCookie].map { line in
                (String(line.prefix { $0 != "=" }), line)
            }
        ) { _, last in last }
    }

    func cookieValue(_ name: String) -> String? {
        setCookies[name].map { line in String(line.dropFirst(name.count + 1).prefix { $0 != ";" }) }
    }

    /// The value of the first hidden `csrf_token` input.
    var csrfField: String? {
        guard let range = body.range(of: #"name="csrf_token" value=""#) else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }
}

extension TestClientProtocol {
    func page(
        _ uri: String, session: WebSessionCookies? = nil, cookie: String? = nil, language: String? = nil
    )
        async throws -> WebResponse
    {
        var headers = HTTPFields()
        if let cookie = cookie ?? session?.header { headers[.cookie] = cookie }
        if let language { headers[.acceptLanguage] = language }
        return try await execute(uri: uri, method: .get, headers: headers) { response in
            WebResponse(status: response.status, body: String(buffer: response.body), headers: response.headers)
        }
    }

    /// Posts `fields` as a urlencoded form; `csrf` nil sends the session's token, "" sends none.
    func submit(
        _ uri: String, _ fields: [(String, String)], session: WebSessionCookies?, csrf: String? = nil,
        extraCookie: String? = nil
    ) async throws -> WebResponse {
        var all = fields
        let token = csrf ?? session?.csrf ?? ""
        if !token.isEmpty { all.append(("csrf_token", token)) }
        let body = all.map { "\(WebForm.encode($0.0))=\(WebForm.encode($0.1))" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        let cookie = [session?.header, extraCookie].compactMap { $0 }.joined(separator: "; ")
        if !cookie.isEmpty { headers[.cookie] = cookie }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
            response in
            WebResponse(status: response.status, body: String(buffer: response.body), headers: response.headers)
        }
    }

    /// Uploads `csv` on the import page as a browser does; `csrf` nil sends the session's token.
    func uploadCSV(_ csv: String, session: WebSessionCookies, csrf: String? = nil) async throws -> WebResponse {
        let (body, boundary) = AdminPagesTests.multipart(csv, csrf: csrf ?? session.csrf)
        return try await execute(
            uri: "/import", method: .post,
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: session.header],
            body: ByteBuffer(string: body)
        ) { response in
            WebResponse(status: response.status, body: String(buffer: response.body), headers: response.headers)
        }
    }

    /// Logs in through the form as `<role>@example.test`, the way a browser does.
    func webLogin(_ role: Role, language: String? = nil) async throws -> WebSessionCookies {
        let form = try await page("/login")
        let loginCSRF = try #require(form.cookieValue(WebSession.loginCSRFCookie))
        #expect(form.csrfField == loginCSRF)
        let response = try await submit(
            "/login", [("email", "\(role.rawValue)@example.test"), ("password", TestApp.password)],
            session: nil, csrf: loginCSRF, extraCookie: "\(WebSession.loginCSRFCookie)=\(loginCSRF)")
        #expect(response.status == .seeOther)
        var cookies = ["kefu_session": try #require(response.cookieValue("kefu_session"))]
        if let language { cookies[Language.cookie] = language }
        let landing = try await page(
            "/customers", cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        return WebSessionCookies(cookies: cookies, csrf: try #require(landing.csrfField))
    }
}
