public import KefuStore
public import ServiceLifecycle

/// The database's pools as a Service of `kefu serve`'s ServiceGroup: it holds them open until the
/// group shuts down gracefully, then closes them. Listed before the HTTP server, it is stopped
/// after it (a group stops its services in reverse order), so requests in flight finish first.
public struct DatabaseService: Service {
    let database: KefuDatabase

    public init(_ database: KefuDatabase) { self.database = database }

    public func run() async throws {
        try? await gracefulShutdown()
        await database.shutdown()
    }
}
