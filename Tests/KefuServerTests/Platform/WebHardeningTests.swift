import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuTestSupport
import Testing

@Suite("Web: hardening")
struct WebHardeningTests {
    @Test(arguments: Engine.available)
    func aSessionCannotSkipTheAPIsCSRFCheckWithAnotherSpellingOfThePath(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let session = try await client.webLogin(.agent)
            for path in [
                "/api/v1/customers", "//api/v1/customers", "/api//v1/customers", "///api/v1/customers",
                "/%61pi/v1/customers",
            ] {
                var headers: HTTPFields = [.cookie: session.header, .contentType: "application/json"]
                let status = try await client.execute(
                    uri: path, method: .post, headers: headers,
                    body: ByteBuffer(string: #"{"name": "CSRF"}"#)
                ) { $0.status }
                #expect(status == .forbidden, "\(path)")
                headers[.xCSRFToken] = session.csrf
                if path == "/api/v1/customers" {
                    let allowed = try await client.execute(
                        uri: path, method: .post, headers: headers,
                        body: ByteBuffer(string: #"{"name": "OK"}"#)
                    ) { $0.status }
                    #expect(allowed == .created)
                }
            }
            let found = try await client.call(.get, "/api/v1/customers?q=CSRF", as: .agent, app: app)
            #expect((found.body["items"] as? [Any])?.isEmpty == true, "nothing was written")
        }
    }

    @Test(arguments: Engine.available)
    func theLanguageSwitchOnlyReturnsToPathsOnThisSite(engine: Engine) async throws {
        try await TestApp.run(engine) { _, client in
            let hostile = [
                "/%09/evil.example", "/%0A/evil.example", "/%0D/evil.example", "//evil.example",
                "/%5Cevil.example", "https://evil.example", "evil.example", "/%7F/evil.example",
                "%2F%2Fevil.example", "/%E2%80%8B/x%00",
            ]
            for back in hostile {
                let response = try await client.page("/lang?to=en&back=\(back)")
                #expect(response.status == .seeOther || response.status == .badRequest, "\(back)")
                if response.status == .seeOther { #expect(response.location == "/", "\(back)") }
            }
            let ok = try await client.page("/lang?to=en&back=/customers%3Fq%3D1")
            #expect(ok.location == "/customers?q=1")
        }
    }

    @Test(arguments: Engine.available)
    func aRawNulInAFormIsRefusedAndNothingIsWritten(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let session = try await client.webLogin(.agent)
            let body = "name=A\u{0}B&csrf_token=\(session.csrf)"
            let headers: HTTPFields = [.cookie: session.header, .contentType: "application/x-www-form-urlencoded"]
            let status = try await client.execute(
                uri: "/customers/new", method: .post, headers: headers,
                body: ByteBuffer(string: body)
            ) { $0.status }
            #expect(status == .badRequest)
            let login = try await client.execute(
                uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "email=a\u{0}@x.test&password=x")
            ) { $0.status }
            #expect(login == .badRequest)
            let found = try await client.call(.get, "/api/v1/customers", as: .agent, app: app)
            #expect((found.body["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(arguments: Engine.available)
    func everyResponseForbidsContentSniffing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            for (path, role) in [
                ("/healthz", nil), ("/api/v1/customers", Role.agent), ("/api/v1/customers", nil),
                ("/login", nil), ("/static/app.css", nil), ("/no/such/page", nil),
                ("/api/v1/openapi.yaml", nil),
            ] as [(String, Role?)] {
                try await client.execute(uri: path, method: .get, headers: app.headers(role)) { response in
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(path)")
                }
            }
        }
    }
}
