public import KefuStore
public import ServiceLifecycle

/// The database's connections as a Service of `kefu serve`'s ServiceGroup: it holds the pools open (and, on
/// PostgreSQL, runs the live-updates relay's LISTEN connection, `LiveUpdates.relay()`) until the group shuts down
/// gracefully, then closes them. Listed before the HTTP server, it is stopped after it (a group stops its services
/// in reverse order), so requests in flight finish first and their pages keep receiving other instances' events.
public struct DatabaseService: Service {
    let database: KefuDatabase

    public init(_ database: KefuDatabase) { self.database = database }

    public func run() async throws {
        if database.live.relays {
            try? await cancelWhenGracefulShutdown { [database] in await database.live.relay() }
        } else {
            try? await gracefulShutdown()
        }
        await database.shutdown()
    }
}
