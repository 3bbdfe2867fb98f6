import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

/// Logins are throttled per (account, address) with the attempt reserved before bcrypt runs.
@Suite("Login throttling")
struct LoginThrottlingAPITests {
    static func login(_ client: any TestClientProtocol, _ app: TestApp, email: String, password: String)
        async throws -> HTTPResponse.Status
    {
        let body = try JSONSerialization.data(withJSONObject: ["email": email, "password": password])
        return try await client.call(
            .post, "/api/v1/auth/token", as: nil, app: app,
            json: String(decoding: body, as: UTF8.self)
        ).status
    }

    @Test(arguments: Engine.available)
    func aParallelBurstIsCheckedOnlyUpToTheLimit(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        try await Self.login(client, app, email: "manager@example.test", password: "wrong password!")
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            // TestApp allows 3 wrong passwords per pair.
            #expect(statuses.filter { $0 == .unauthorized }.count == 3)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 27)
        }
    }

    @Test(arguments: Engine.available)
    func anotherSpellingOfTheEmailSharesTheBudget(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            for spelling in ["manager@example.test", "Manager@Example.TEST", " manager@example.test\n"] {
                let status = try await Self.login(client, app, email: spelling, password: "wrong password!")
                #expect(status == .unauthorized)
            }
            for spelling in ["manager@example.test\n", "MANAGER@example.test\u{3000}", "\tmanager@example.test"] {
                let status = try await Self.login(client, app, email: spelling, password: TestApp.password)
                #expect(status == .tooManyRequests)
            }
        }
    }

    @Test(arguments: Engine.available)
    func failuresAgainstOneAccountDoNotLockOthersOutAndASuccessClearsThePair(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            for _ in 0..<3 {
                let status = try await Self.login(
                    client, app, email: "manager@example.test",
                    password: "wrong password!")
                #expect(status == .unauthorized)
            }
            let agent = try await Self.login(client, app, email: "agent@example.test", password: TestApp.password)
            #expect(agent == .created)
            for _ in 0..<2 {
                let status = try await Self.login(client, app, email: "admin@example.test", password: "wrong password!")
                #expect(status == .unauthorized)
            }
            let admin = try await Self.login(client, app, email: "admin@example.test", password: TestApp.password)
            #expect(admin == .created)
            for _ in 0..<3 {
                let status = try await Self.login(client, app, email: "admin@example.test", password: "wrong password!")
                #expect(status == .unauthorized)
            }
        }
    }

    @Test(arguments: Engine.available)
    func unknownAndInactiveAccountsAreCheckedAgainstAStandInHash(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let status = try await Self.login(client, app, email: "nobody@example.test", password: TestApp.password)
            #expect(status == .unauthorized)
            let hash = try await Passwords(cost: 4).standInHash()
            #expect(hash.hasPrefix("$2b$04$") && hash.count == 60)
            #expect(try await Passwords(cost: 4).standInHash() == hash, "made once per process")
        }
    }

    @Test(arguments: Engine.available)
    func behindATrustedProxyEachForwardedClientHasItsOwnBudget(engine: Engine) async throws {
        var configuration = TestApp.configuration
        configuration.trustedProxies = ["127.0.0.1"]
        try await TestApp.run(engine, framework: .live, configuration: configuration) { app, client in
            func attempt(from address: String, password: String) async throws -> HTTPResponse.Status {
                var headers = app.headers(nil)
                headers[.xForwardedFor] = address
                let body = #"{"email": "manager@example.test", "password": "\#(password)"}"#
                return try await client.execute(
                    uri: "/api/v1/auth/token", method: .post, headers: headers,
                    body: ByteBuffer(string: body)
                ) { $0.status }
            }
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<3 { statuses.append(try await attempt(from: "198.51.100.7", password: "wrong password!")) }
            statuses.append(try await attempt(from: "198.51.100.7", password: TestApp.password))
            statuses.append(try await attempt(from: "203.0.113.1", password: TestApp.password))
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests, .created])
        }
    }
}
