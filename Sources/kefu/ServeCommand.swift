import ArgumentParser
import Foundation
import Hummingbird
import KefuServer
import KefuStore
import Logging
import Metrics
import Prometheus

/// `kefu serve`: runs the web UI and the API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the Kefu server.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Public URL (https makes session cookies Secure); default $KEFU_PUBLIC_URL.") var publicURL: String?
    @Flag(help: "Seed a demo business on an empty database and create a demo admin.") var demo = false
    @Option(help: "Private folder for uploads (PostgreSQL); default $KEFU_DATA_DIR, else ./kefu-data.")
    var dataDir: String?
    @OptionGroup var options: DatabaseOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1–65535.") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["KEFU_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Fine buckets around the 20 ms latency target, so p99 can be read off the histogram.
        factory.defaultDurationHistogramBuckets = [1, 2, 5, 10, 15, 20, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]
            .map { Duration.milliseconds($0) }
        MetricsSystem.bootstrap(factory)
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.publicURL = publicURL ?? ProcessInfo.processInfo.environment["KEFU_PUBLIC_URL"]
        if let directory = dataDir ?? ProcessInfo.processInfo.environment["KEFU_DATA_DIR"] {
            configuration.dataDirectory = directory
        }
        let logger = Logger(label: "kefu")
        try await options.withDatabase { database in
            if demo { try await Demo.prepare(database) }
            let app = try KefuApplication.build(configuration: configuration, database: database, metrics: registry, logger: logger)
            print("Kefu is serving http://\(host):\(port) (database: \(options.location)).")
            fflush(nil)  // the demo login must show even when output goes to a file or a pipe
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        }
    }
}
