import Foundation
import HummingbirdTesting
@testable import KefuServer
import KefuTestSupport
import Testing

/// `/metrics` is open to this machine only when no reverse proxy relays the world through it.
@Suite("Metrics access")
struct MetricsAccessTests {
    static let token = "scrape-token-0123456789"

    @Test(arguments: Engine.available)
    func loopbackMayScrapeWithoutAProxy(engine: Engine) async throws {
        try await TestApp.run(engine, framework: .live) { _, client in
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test(arguments: Engine.available)
    func behindAProxyLoopbackNeedsTheMetricsTokenOrAnAdmin(engine: Engine) async throws {
        var configuration = TestApp.configuration
        configuration.trustedProxies = ["127.0.0.1"]
        configuration.metricsToken = Self.token
        try await TestApp.run(engine, framework: .live, configuration: configuration) { app, client in
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong-token-0123456789"]) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.token)"]) {
                #expect($0.status == .ok)
                #expect(String(buffer: $0.body).contains("kefu_database_up"))
            }
            try await client.execute(uri: "/metrics", method: .get, headers: app.headers(.admin)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get, headers: app.headers(.manager)) {
                #expect($0.status == .forbidden)
            }
            // The metrics token opens nothing else.
            try await client.execute(uri: "/api/v1/customers", method: .get, headers: [.authorization: "Bearer \(Self.token)"]) {
                #expect($0.status == .unauthorized)
            }
        }
    }
}
