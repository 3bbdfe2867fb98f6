import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

/// A Kefu application on a fresh database with one account per role and their bearer tokens.
struct TestApp: Sendable {
    let database: KefuDatabase
    /// Where the web import keeps uploads waiting for their commit.
    let uploads: URL
    var tokens: [Role: String] = [:]
    static let password = "correct horse battery"

    /// What the tests run with: cheap bcrypt and 3 wrong passwords per account and address.
    static var configuration: ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.bcryptCost = 4
        configuration.loginMaxFailures = 3
        return configuration
    }

    /// Runs `body` against the app; `framework: .live` serves it on a loopback port, for what
    /// depends on the peer's address.
    static func run(
        _ engine: Engine, framework: TestingSetup = .router, configuration: ServerConfiguration = configuration,
        clock: WallClock = .system,
        _ body: @Sendable (TestApp, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await withDatabase(engine, clock: clock) { database in
            var configuration = configuration
            let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-data-\(UUID())")
            configuration.dataDirectory = dataDirectory.path
            let uploads = UploadFolder.location(for: database.location, dataDirectory: configuration.dataDirectory)
            defer {
                try? FileManager.default.removeItem(at: uploads)
                try? FileManager.default.removeItem(at: dataDirectory)
            }
            let router = try KefuApplication.buildRouter(
                configuration: configuration, database: database,
                metrics: .init())
            var app = TestApp(database: database, uploads: uploads)
            let hash = try await Passwords(cost: 4).hash(password)
            for role in Role.allCases {
                let user = try await UserRepository(database).create(
                    email: "\(role.rawValue)@example.test", name: role.rawValue,
                    role: role, passwordHash: hash, by: database.system("test"))
                app.tokens[role] = try await TokenRepository(database).issue(
                    for: user.id, kind: .api, lifetime: 3600,
                    now: database.clock.now()
                ).token
            }
            let frozen = app
            let application = Application(router: router)
            try await application.test(framework) { client in try await body(frozen, client) }
        }
    }

    func headers(_ role: Role?, json: Bool = true) -> HTTPFields {
        var fields = HTTPFields()
        if let role, let token = tokens[role] { fields[.authorization] = "Bearer \(token)" }
        if json { fields[.contentType] = "application/json" }
        return fields
    }
}

extension TestClientProtocol {
    /// Sends a JSON request as `role` (nil: anonymous) and returns the status and decoded JSON body.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, as role: Role?, app: TestApp, json: String? = nil)
        async throws -> (status: HTTPResponse.Status, body: [String: Any], headers: HTTPFields)
    {
        try await execute(
            uri: uri, method: method, headers: app.headers(role), body: json.map { ByteBuffer(string: $0) }
        ) { response in
            let data = Data(response.body.readableBytesView)
            let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return (response.status, body, response.headers)
        }
    }

    /// Each request, sent without a token, is refused with 401.
    func expectUnauthorized(_ requests: [(HTTPRequest.Method, String)], app: TestApp) async throws {
        for (method, path) in requests {
            let anonymous = try await call(method, path, as: nil, app: app, json: "{}")
            #expect(anonymous.status == .unauthorized, "\(method) \(path)")
        }
    }
}
