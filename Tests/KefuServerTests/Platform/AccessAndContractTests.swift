import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Access control and the OpenAPI contract")
struct AccessAndContractTests {
    /// Every authenticated route with the least role allowed to call it.
    static let guarded: [(HTTPRequest.Method, String, Role)] = [
        (.get, "/api/v1/customers", .agent), (.post, "/api/v1/customers", .agent),
        (.get, "/api/v1/customers/00000000-0000-0000-0000-000000000001", .agent),
        (.patch, "/api/v1/customers/00000000-0000-0000-0000-000000000001", .agent),
        (.delete, "/api/v1/customers/00000000-0000-0000-0000-000000000001", .admin),
        (.post, "/api/v1/customers/00000000-0000-0000-0000-000000000001/merge", .manager),
        (.get, "/api/v1/customers/00000000-0000-0000-0000-000000000001/timeline", .agent),
        (.get, "/api/v1/customers/00000000-0000-0000-0000-000000000001/health", .agent),
        (.get, "/api/v1/customers/00000000-0000-0000-0000-000000000001/notes", .agent),
        (.get, "/api/v1/customers/00000000-0000-0000-0000-000000000001/contacts", .agent),
        (.get, "/api/v1/customers/export", .manager), (.post, "/api/v1/customers/import", .manager),
        (.get, "/api/v1/branches", .agent), (.post, "/api/v1/branches", .admin),
        (.patch, "/api/v1/settings", .admin), (.get, "/api/v1/settings", .agent),
        (.get, "/api/v1/users", .admin), (.post, "/api/v1/users", .admin), (.get, "/api/v1/audit", .admin),
        (.get, "/api/v1/admin/jobs", .admin),
        (.get, "/api/v1/sla-policies", .agent), (.post, "/api/v1/sla-policies", .admin),
        (.get, "/api/v1/sla-policies/00000000-0000-0000-0000-000000000001", .agent),
        (.patch, "/api/v1/sla-policies/00000000-0000-0000-0000-000000000001", .admin),
        (.delete, "/api/v1/sla-policies/00000000-0000-0000-0000-000000000001", .admin),
        (.get, "/api/v1/canned-replies", .agent), (.post, "/api/v1/canned-replies", .manager),
        (.get, "/api/v1/kb/articles", .agent), (.post, "/api/v1/kb/articles", .manager),
        (.patch, "/api/v1/kb/articles/00000000-0000-0000-0000-000000000001", .manager),
        (.delete, "/api/v1/kb/articles/00000000-0000-0000-0000-000000000001", .manager),
        (.get, "/api/v1/reports/service-desk/volume", .manager),
        (.get, "/api/v1/reports/sla/compliance", .manager), (.get, "/api/v1/reports/sla/times", .manager),
        (.get, "/api/v1/reports/sla/breaches", .manager), (.get, "/api/v1/reports/sla/trend", .manager),
        (.get, "/api/v1/reports/surveys/scores", .manager), (.get, "/api/v1/reports/surveys/campaigns", .manager),
        (.get, "/api/v1/reports/surveys/servqual-items", .manager),
        (.get, "/api/v1/reports/cross-sell", .manager), (.post, "/api/v1/reports/cross-sell/recompute", .manager),
        (.get, "/api/v1/reports/promotions", .manager),
        (.get, "/api/v1/customers/00000000-0000-0000-0000-000000000001/suggestions", .agent),
        (.get, "/api/v1/loyalty/members", .agent), (.post, "/api/v1/loyalty/members", .agent),
        (.get, "/api/v1/loyalty/members/00000000-0000-0000-0000-000000000001", .agent),
        (.get, "/api/v1/loyalty/members/00000000-0000-0000-0000-000000000001/ledger", .agent),
        (.post, "/api/v1/loyalty/members/00000000-0000-0000-0000-000000000001/redemptions", .agent),
        (.post, "/api/v1/loyalty/members/00000000-0000-0000-0000-000000000001/adjustments", .manager),
        (.get, "/api/v1/promotions", .agent), (.post, "/api/v1/promotions", .manager),
        (.get, "/api/v1/promotions/m300", .agent), (.put, "/api/v1/promotions/m300", .manager),
        (.delete, "/api/v1/promotions/m300", .manager), (.post, "/api/v1/quote", .agent),
        (.get, "/api/v1/coupons", .agent), (.post, "/api/v1/coupons", .manager), (.get, "/api/v1/coupons/LOVE", .agent),
        (.patch, "/api/v1/coupons/LOVE", .manager), (.post, "/api/v1/coupons/LOVE/uses", .agent),
        (.post, "/api/v1/loyalty/members/00000000-0000-0000-0000-000000000001/links", .agent),
        (.get, "/api/v1/calendar", .agent), (.put, "/api/v1/calendar", .admin),
        (.get, "/api/v1/branches/00000000-0000-0000-0000-000000000001/calendar", .agent),
        (.put, "/api/v1/branches/00000000-0000-0000-0000-000000000001/calendar", .admin),
        (.post, "/api/v1/sla-policies/preview", .admin),
        (.delete, "/api/v1/auth/token", .agent),
        (.get, "/api/v1/purchases", .agent), (.post, "/api/v1/purchases", .agent),
        (.get, "/api/v1/purchases/00000000-0000-0000-0000-000000000001", .agent),
        (.post, "/api/v1/purchases/00000000-0000-0000-0000-000000000001/refunds", .agent),
        (.get, "/api/v1/follow-up-plans", .agent), (.post, "/api/v1/follow-up-plans", .manager),
        (.get, "/api/v1/follow-up-plans/00000000-0000-0000-0000-000000000001", .agent),
        (.patch, "/api/v1/follow-up-plans/00000000-0000-0000-0000-000000000001", .manager),
        (.get, "/api/v1/follow-ups", .agent),
        (.patch, "/api/v1/follow-ups/00000000-0000-0000-0000-000000000001", .agent),
        (.get, "/api/v1/surveys", .agent), (.post, "/api/v1/surveys", .manager),
        (.get, "/api/v1/surveys/00000000-0000-0000-0000-000000000001", .agent),
        (.patch, "/api/v1/surveys/00000000-0000-0000-0000-000000000001", .manager),
        (.post, "/api/v1/surveys/00000000-0000-0000-0000-000000000001/invitations", .agent),
        (.get, "/api/v1/surveys/00000000-0000-0000-0000-000000000001/responses", .agent),
        (.get, "/api/v1/surveys/00000000-0000-0000-0000-000000000001/campaigns", .agent),
        (.post, "/api/v1/surveys/00000000-0000-0000-0000-000000000001/campaigns", .manager),
        (.get, "/api/v1/survey-invitations", .agent),
        (.get, "/api/v1/survey-invitations/00000000-0000-0000-0000-000000000001", .agent),
        (.delete, "/api/v1/survey-invitations/00000000-0000-0000-0000-000000000001", .agent),
        (.get, "/api/v1/queue/services", .agent), (.post, "/api/v1/queue/services", .admin),
        (.get, "/api/v1/queue/services/00000000-0000-0000-0000-000000000001", .agent),
        (.put, "/api/v1/queue/services/00000000-0000-0000-0000-000000000001", .admin),
        (.get, "/api/v1/queue/counters", .agent), (.post, "/api/v1/queue/counters", .admin),
        (.get, "/api/v1/queue/counters/00000000-0000-0000-0000-000000000001", .agent),
        (.patch, "/api/v1/queue/counters/00000000-0000-0000-0000-000000000001", .agent),
        (.post, "/api/v1/queue/counters/00000000-0000-0000-0000-000000000001/call-next", .agent),
        (.post, "/api/v1/queue/counters/00000000-0000-0000-0000-000000000001/call", .agent),
        (.get, "/api/v1/queue/branches/00000000-0000-0000-0000-000000000001/policy", .agent),
        (.put, "/api/v1/queue/branches/00000000-0000-0000-0000-000000000001/policy", .admin),
        (.patch, "/api/v1/queue/branches/00000000-0000-0000-0000-000000000001/settings", .admin),
        (.post, "/api/v1/queue/branches/00000000-0000-0000-0000-000000000001/device-key", .admin),
        (.get, "/api/v1/queue/branches/00000000-0000-0000-0000-000000000001/join-link", .admin),
        (.get, "/api/v1/queue/branches/00000000-0000-0000-0000-000000000001/state", .agent),
        (.get, "/api/v1/messages/00000000-0000-0000-0000-000000000001/original", .agent),
        (.get, "/api/v1/mailboxes", .admin), (.post, "/api/v1/mailboxes", .admin),
        (.get, "/api/v1/mailboxes/00000000-0000-0000-0000-000000000001", .admin),
        (.patch, "/api/v1/mailboxes/00000000-0000-0000-0000-000000000001", .admin),
        (.get, "/api/v1/queue/tickets", .agent), (.post, "/api/v1/queue/tickets", .agent),
        (.get, "/api/v1/queue/tickets/00000000-0000-0000-0000-000000000001", .agent),
        (.post, "/api/v1/queue/tickets/00000000-0000-0000-0000-000000000001/recall", .agent),
        (.post, "/api/v1/queue/tickets/00000000-0000-0000-0000-000000000001/no-show", .agent),
        (.post, "/api/v1/queue/tickets/00000000-0000-0000-0000-000000000001/park", .agent),
        (.post, "/api/v1/queue/tickets/00000000-0000-0000-0000-000000000001/start", .agent),
        (.post, "/api/v1/queue/tickets/00000000-0000-0000-0000-000000000001/finish", .agent),
        (.post, "/api/v1/queue/tickets/00000000-0000-0000-0000-000000000001/transfer", .agent),
        (.post, "/api/v1/queue/tickets/00000000-0000-0000-0000-000000000001/rejoin", .agent),
        (.get, "/api/v1/queue/reports/arrivals", .manager), (.get, "/api/v1/queue/reports/accuracy", .manager),
    ]

    @Test(arguments: Engine.available)
    func anonymousCallsAre401AndLowRolesAre403(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            for (method, path, role) in Self.guarded {
                let anonymous = try await client.call(method, path, as: nil, app: app, json: "{}")
                #expect(anonymous.status == .unauthorized, "\(method) \(path)")
                #expect(anonymous.body["type"] as? String == "https://kefu.dev/problems/unauthorized")
                if role != .agent {
                    let lower: Role = role == .admin ? .manager : .agent
                    let denied = try await client.call(method, path, as: lower, app: app, json: "{}")
                    #expect(denied.status == .forbidden, "\(method) \(path) as \(lower)")
                }
            }
        }
    }

    @Test func everyAPIRouteIsInTheDocumentAndBack() throws {
        let document = try MetaRoutes.loadDocument()
        var documented = Set<String>()
        var path: String?
        var inPaths = false
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("paths:") { inPaths = true; continue }
            if inPaths, let first = line.first, !first.isWhitespace { inPaths = false }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "),
                let method = ["get", "post", "put", "patch", "delete"].first(where: { line == "    \($0):" })
            {
                documented.insert("\(method.uppercased()) /api/v1\(path)")
            }
        }
        let database = try KefuDatabase(location: .sqliteInMemory)
        defer { Task { await database.shutdown() } }
        let router = try KefuApplication.buildRouter(configuration: .init(), database: database, metrics: .init())
        let served = Set(router.routes.map { "\($0.method) \($0.path)" }.filter { $0.contains(" /api/v1/") })
        #expect(served.subtracting(documented).sorted() == [], "routes missing from openapi.yaml")
        #expect(documented.subtracting(served).sorted() == [], "documented routes the server lacks")
    }

    @Test(arguments: Engine.available)
    func loginIssuesTokenRejectsBadPasswordsAndThrottles(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let ok = try await client.call(
                .post, "/api/v1/auth/token", as: nil, app: app,
                json: #"{"email": "agent@example.test", "password": "\#(TestApp.password)"}"#)
            #expect(ok.status == .created)
            let token = try #require(ok.body["token"] as? String)
            #expect(ok.body["expires_at"] is String)
            for _ in 0..<3 {
                let wrong = try await client.call(
                    .post, "/api/v1/auth/token", as: nil, app: app,
                    json: #"{"email": "manager@example.test", "password": "wrong password!"}"#)
                #expect(wrong.status == .unauthorized)
            }
            let throttled = try await client.call(
                .post, "/api/v1/auth/token", as: nil, app: app,
                json: #"{"email": "manager@example.test", "password": "\#(TestApp.password)"}"#)
            #expect(throttled.status == .tooManyRequests)
            let missing = try await client.call(
                .post, "/api/v1/auth/token", as: nil, app: app, json: #"{"email": "x"}"#)
            #expect(missing.status == .badRequest)
            var headers = app.headers(nil)
            headers[.authorization] = "Bearer \(token)"
            try await client.execute(uri: "/api/v1/auth/token", method: .delete, headers: headers) {
                #expect($0.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/customers", method: .get, headers: headers) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test(arguments: Engine.available)
    func disablingAUserEndsTheirTokensAtOnce(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            #expect(try await client.call(.get, "/api/v1/customers", as: .agent, app: app).status == .ok)
            let users = try await client.call(.get, "/api/v1/users", as: .admin, app: app)
            let agent = try #require(
                (users.body["items"] as? [[String: Any]])?.first { $0["role"] as? String == "agent" })
            let id = try #require(agent["id"] as? String)
            let disabled = try await client.call(
                .patch, "/api/v1/users/\(id)", as: .admin, app: app, json: #"{"active": false}"#)
            #expect(disabled.status == .ok)
            #expect(try await client.call(.get, "/api/v1/customers", as: .agent, app: app).status == .unauthorized)
        }
    }

    @Test(arguments: Engine.available)
    func healthAndDocumentArePublic(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("openapi: 3.1"))
            }
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/metrics", method: .get, headers: app.headers(.admin)) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                for name in [
                    "kefu_database_connections_max", "kefu_database_ping_seconds", "kefu_database_up 1",
                    "kefu_database_writes_waiting",
                ] {
                    #expect(text.contains(name), "\(name)")
                }
            }
        }
    }

    @Test(arguments: Engine.available)
    func oversizedBodiesAre413AndWrongContentTypeIs415(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let big = #"{"name": ""# + String(repeating: "x", count: 1_100_000) + #""}"#
            #expect(
                try await client.call(.post, "/api/v1/customers", as: .agent, app: app, json: big).status
                    == .contentTooLarge)
            var headers = app.headers(.agent, json: false)
            headers[.contentType] = "text/plain"
            try await client.execute(
                uri: "/api/v1/customers", method: .post, headers: headers, body: ByteBuffer(string: "{}")
            ) {
                #expect($0.status == .unsupportedMediaType)
            }
        }
    }
}
