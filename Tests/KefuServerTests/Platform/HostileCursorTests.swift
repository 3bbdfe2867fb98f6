import Foundation
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

/// A cursor the server did not issue is a 400 on every paged list, whatever it holds; none can
/// reach a database driver (a time past year 9999 once stopped the server on PostgreSQL).
@Suite("Hostile page cursors")
struct HostileCursorTests {
    static func base64url(_ json: String) -> String {
        Data(json.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Unsigned, forged-signature and altered tokens with huge, negative, non-finite and wrong-typed values.
    static func hostileCursors(signedExample: String) -> [String] {
        let id = UUID().uuidString
        let payloads = [
            #"{"id":"\#(id)","value":{"date":{"_0":1e13}}}"#,
            #"{"id":"\#(id)","value":{"date":{"_0":-1e13}}}"#,
            #"{"id":"\#(id)","value":{"date":{"_0":1.7976931348623157e308}}}"#,
            #"{"id":"\#(id)","value":{"date":{"_0":"nan"}}}"#,
            #"{"id":"\#(id)","value":{"date":{"_0":"Infinity"}}}"#,
            #"{"id":"\#(id)","value":{"text":{"_0":5}}}"#,
            #"{"id":5,"value":{"text":{"_0":"a"}}}"#,
            #"{"id":"\#(id)","value":{"date":{"_0":0}}}"#,
        ].map(base64url)
        let payload = String(signedExample.prefix { $0 != "." })
        let mac = String(signedExample.drop { $0 != "." })
        return payloads + payloads.map { $0 + mac } + payloads.map { $0 + ".AAAA" } + [
            payload, payload + ".", String(signedExample.dropLast()), signedExample + "A", "not a cursor",
        ]
    }

    @Test(arguments: Engine.available)
    func everyPagedRouteRefusesCursorsItDidNotIssueAndTheServerStaysUp(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let created = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "王小明"}"#)
            let id = try #require(created.body["id"] as? String)
            let real = app.database.cursors.token(for: PageCursor(value: .text("王小明"), id: UUID()))
            let api: [(String, Role)] = [
                ("/api/v1/customers?sort=name", .agent), ("/api/v1/customers?sort=-updated_at", .agent),
                ("/api/v1/customers?sort=created_at", .agent), ("/api/v1/customers?q=%E5%B0%8F", .agent),
                ("/api/v1/customers/\(id)/timeline?limit=1", .agent), ("/api/v1/customers/\(id)/notes?limit=1", .agent),
                ("/api/v1/users?limit=1", .admin), ("/api/v1/audit?limit=1", .admin),
                ("/api/v1/tickets?limit=1", .agent), ("/api/v1/tickets?sort=-updated_at", .agent),
            ]
            for cursor in Self.hostileCursors(signedExample: real) {
                let encoded = cursor.addingPercentEncoding(
                    withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_.%")))!
                for (path, role) in api {
                    let response = try await client.call(.get, "\(path)&cursor=\(encoded)", as: role, app: app)
                    #expect(response.status == .badRequest, "\(path) \(cursor)")
                    let errors = response.body["errors"] as? [[String: Any]]
                    #expect(errors?.first?["field"] as? String == "cursor")
                    #expect(errors?.first?["code"] as? String == "invalid")
                }
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test(arguments: Engine.available)
    func pagesRefuseThemToo(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let created = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "王小明"}"#)
            let id = try #require(created.body["id"] as? String)
            let session = try await client.webLogin(.admin)
            let forged = Self.base64url(#"{"id":"\#(UUID().uuidString)","value":{"date":{"_0":1e13}}}"#)
            for path in [
                "/customers?sort=name&cursor=", "/admin/users?cursor=", "/admin/audit?cursor=",
                "/customers/\(id)?timeline_cursor=",
            ] {
                let page = try await client.page(path + forged, session: session)
                #expect(page.status == .badRequest, "\(path)")
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test(arguments: Engine.available)
    func issuedCursorsStillPageThroughEveryList(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            for name in ["甲", "乙", "丙"] {
                _ = try await client.call(
                    .post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "\#(name)"}"#)
            }
            for path in ["/api/v1/customers?sort=name&limit=2", "/api/v1/customers?limit=2", "/api/v1/audit?limit=2"] {
                let first = try await client.call(.get, path, as: .admin, app: app)
                let next = try #require(first.body["next_cursor"] as? String)
                #expect(next.contains("."))
                let second = try await client.call(.get, path + "&cursor=" + next, as: .admin, app: app)
                #expect(second.status == .ok)
                #expect((second.body["items"] as? [Any])?.isEmpty == false)
            }
        }
    }

    @Test func jsonBodiesTakeOnlyTimesWithinYearsOneTo9999() throws {
        struct Body: Decodable { var at: Date }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom(KefuJSON.decodeTime)
        func decode(_ text: String) -> Date? {
            (try? decoder.decode(Body.self, from: Data(#"{"at": "\#(text)"}"#.utf8)))?.at
        }
        #expect(decode("2026-05-01T09:30:00Z") == Date(timeIntervalSince1970: 1_777_627_800))
        #expect(decode("2026-05-01T09:30:00.250Z") == Date(timeIntervalSince1970: 1_777_627_800.25))
        #expect(decode("2026-05-01T17:30:00+08:00") == Date(timeIntervalSince1970: 1_777_627_800))
        for hostile in ["0000-12-31T00:00:00Z", "+10000-01-01T00:00:00Z", "99999-01-01T00:00:00Z", "1e13", "nan", ""] {
            #expect(decode(hostile) == nil, "\(hostile)")
        }
        #expect(throws: DecodingError.self) { try decoder.decode(Body.self, from: Data(#"{"at": 1e13}"#.utf8)) }
    }
}
