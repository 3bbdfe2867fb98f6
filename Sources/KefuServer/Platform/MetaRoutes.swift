import Foundation
import Hummingbird
import KefuStore
import Prometheus

/// Routes outside the customer domain: the OpenAPI document, `/healthz` and `/metrics`.
struct MetaRoutes {
    let database: KefuDatabase
    let metrics: PrometheusCollectorRegistry
    let openAPIDocument: String
    /// True when no reverse proxy is configured: then a loopback peer is someone on this machine,
    /// not the proxy relaying the whole internet.
    let loopbackMayScrape: Bool

    func register(on router: Router<KefuRequestContext>, api: RouterGroup<KefuRequestContext>) {
        api.get("openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: openAPIDocument)))
        }
        router.get("healthz") { _, _ in
            let ready = await database.ping()
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: ready ? "ok\n" : "database unavailable\n")))
        }
        func gauge(_ subsystem: String, _ name: String, _ unit: String, _ help: String) -> Gauge {
            metrics.makeGauge(
                descriptor: MetricNameDescriptor(
                    namespace: "kefu", subsystem: subsystem, metricName: name,
                    unitName: unit, helpText: help))
        }
        let connections = gauge("database", "connections", "max", "Connections the database pools may open")
        let ping = gauge("database", "ping", "seconds", "Time a trivial query took at scrape time, pool wait included")
        let up = gauge("database", "up", "", "1 when the database answered at scrape time")
        let waiting = gauge("database", "writes", "waiting", "Writes waiting for the next group commit")
        router.get("metrics") { _, context in
            if !context.isMetricsScraper, !(loopbackMayScrape && context.peerIsLoopback) { try context.require(.admin) }
            let start = ContinuousClock.now
            let answered = await database.ping()
            let elapsed = ContinuousClock.now - start
            ping.set(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            up.set(answered ? 1.0 : 0.0)
            connections.set(Double(database.maxConnections))
            waiting.set(Double(await database.waitingWrites()))
            var buffer: [UInt8] = []
            metrics.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }

    /// The document shipped in the bundle's resources, with the customer fields written in.
    static func loadDocument() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources")
        else {
            throw ServerError.missingResource("openapi.yaml")
        }
        return CustomerOpenAPI.expand(try String(contentsOf: url, encoding: .utf8))
    }
}
