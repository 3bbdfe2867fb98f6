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
            try await client.execute(
                uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong-token-0123456789"]
            ) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.token)"]) {
                #expect($0.status == .ok)
                #expect(String(buffer: $0.body).contains("kefu_database_up"))
            }
            try await client.execute(uri: "/metrics", method: .get, headers: app.headers(.admin)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: app.headers(.manager)) {
                #expect($0.status == .forbidden)
            }
            // The metrics token opens nothing else.
            try await client.execute(
                uri: "/api/v1/customers", method: .get, headers: [.authorization: "Bearer \(Self.token)"]
            ) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    static let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first(
        where: FileManager.default.isExecutableFile)

    /// Prometheus's own linter accepts what `/metrics` writes (names, `_total` counters, help texts).
    @Test(arguments: Engine.available)
    func theExpositionPassesPromtool(engine: Engine) async throws {
        guard let promtool = Self.promtool else {
            print("note: promtool not found (Debian package prometheus); /metrics lint skipped.")
            return
        }
        try await TestApp.run(engine) { app, client in
            _ = try await client.call(.get, "/api/v1/customers", as: .agent, app: app)
            _ = try await client.call(.get, "/api/v1/customers", as: nil, app: app)
            _ = try await client.call(.post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "王小明"}"#)
            let text = try await client.execute(uri: "/metrics", method: .get, headers: app.headers(.admin)) {
                String(buffer: $0.body)
            }
            for name in [
                "http_server_requests_total{", "http_server_request_duration_seconds_bucket{",
                "# HELP http_server_requests_total", "# TYPE http_server_requests_total counter",
            ] {
                #expect(text.contains(name), "\(name)")
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: promtool)
            process.arguments = ["check", "metrics"]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            try ProcessLaunch.run(process)
            input.fileHandleForWriting.write(Data(text.utf8))
            try input.fileHandleForWriting.close()
            let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0 && report.isEmpty, "promtool: \(report)")
        }
    }
}
