public import FluentKit
public import KefuCore
import FluentPostgresDriver
import FluentSQLiteDriver
public import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO
import SQLKit
import Foundation

/// Owns the connection pools of one database and runs the migrations. FluentKit's `Databases`
/// must be shut down explicitly, so the owner calls `shutdown()` (the server does it on exit).
public final class KefuDatabase: Sendable {
    public let location: DatabaseLocation
    let databases: Databases
    let logger: Logger
    private let databaseID: DatabaseID
    /// The one group commit of this process, which the hot writes of every capability share.
    let writes: GroupCommit
    /// The live-updates hub of this process (relayed between instances on PostgreSQL).
    public let live: LiveUpdates
    /// Tokens verified recently by this process.
    let tokenCache = TokenCache()
    /// Business settings read recently by this process.
    let settingsCache: SettingsCache
    /// The one source of "now" for this database's users (the server, the CLI, the tests).
    public let clock: WallClock
    /// The most connections the pools may open (per event loop × event loops), for `/metrics`.
    public let maxConnections: Int
    private let cursorSigner = NIOLockedValueBox<CursorSigner?>(nil)
    private let closed = NIOLockedValueBox(false)

    public init(
        location: DatabaseLocation, logger: Logger = Logger(label: "kefu.db"), poolSize: Int = 4,
        clock: WallClock = .system
    ) throws {
        self.location = location
        self.clock = clock
        settingsCache = SettingsCache(clock: clock)
        self.logger = logger
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        self.databases = databases
        var relay: PostgresConnection.Configuration?
        switch location {
        case .sqlite(let path):
            databaseID = .sqlite
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        case .sqliteInMemory:
            databaseID = .sqlite
            databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let url):
            databaseID = .psql
            do {
                let configuration = try SQLPostgresConfiguration(url: url)
                relay = configuration.coreConfiguration
                databases.use(
                    .postgres(
                        configuration: configuration, maxConnectionsPerEventLoop: poolSize,
                        connectionPoolTimeout: .seconds(30), encodingContext: .default,
                        decodingContext: .default, sqlLogLevel: .trace), as: .psql)
            } catch {
                databases.shutdown()
                throw StoreError.configuration("Cannot use the PostgreSQL URL \(location): \(error)")
            }
        }
        let loops = Array(databases.eventLoopGroup.makeIterator()).count
        maxConnections = loops * (location.engine == .postgres ? poolSize : 1)
        let id = databaseID
        let handle: @Sendable () -> any Database = { [databases, logger] in
            databases.database(id, logger: logger, on: databases.eventLoopGroup.any())!
        }
        writes = GroupCommit(database: handle)
        live = LiveUpdates(relay: relay, logger: logger, database: handle)
    }

    /// A handle for queries; cheap, make one per unit of work.
    public var db: any Database {
        databases.database(databaseID, logger: logger, on: databases.eventLoopGroup.any())!
    }

    public var engine: DatabaseEngine { location.engine }

    /// Brings the schema up to date (idempotent) and applies the engine settings Kefu relies on.
    public func migrate() async throws {
        if engine == .sqlite, let sql = db as? any SQLDatabase {
            // WAL lets the CLI and the server use the file at once and makes commits cheap; it is persistent.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
        try await tuneSQLiteConnections()
        let signer = try await ServerSecrets.cursorSigner(on: db.sql)
        cursorSigner.withLockedValue { $0 = signer }
    }

    /// Changes made by the system itself (the CLI without a user, the demo seed), at this clock's now.
    public func system(_ label: String) -> Attribution {
        .system(label, now: clock.now())
    }

    /// Signs and checks page cursors with the database's secret; available once `migrate()` ran,
    /// which every entry point (server, CLI, tests) does before anything else.
    public var cursors: CursorSigner {
        guard let signer = cursorSigner.withLockedValue({ $0 }) else {
            preconditionFailure("KefuDatabase.cursors used before migrate()")
        }
        return signer
    }

    /// The names of the migrations `migrate()` would apply, in order; changes nothing (not even
    /// Fluent's `_fluent_migrations` table, whose absence means that every migration is pending).
    public func pendingMigrations() async throws -> [String] {
        guard try await hasMigrationLog() else { return KefuMigrations.all.map(\.name) }
        return try await migrator.previewPrepareBatch().get().map { migration, _ in migration.name }
    }

    private var migrator: Migrator {
        let migrations = Migrations()
        migrations.add(KefuMigrations.all, to: databaseID)
        return Migrator(
            databases: databases, migrations: migrations, logger: logger,
            on: databases.eventLoopGroup.any())
    }

    private func hasMigrationLog() async throws -> Bool {
        let query: SQLQueryString =
            engine == .postgres
            ? "SELECT to_regclass(\(bind: MigrationLog.schema)) IS NOT NULL AS found"
            : "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = \(bind: MigrationLog.schema)) AS found"
        return try await db.sql.raw(query).first()?.decode(column: "found", as: Bool.self) ?? false
    }

    /// Per-connection SQLite settings, applied to the one pooled connection of every event loop:
    /// - `cache_size`: up to 64 MiB of pages per connection (SQLite's default is 2 MB), so the
    ///   index pages a write or search touches are not read from the file again each time;
    /// - `temp_store = MEMORY`: a multi-row insert keeps its statement journal in memory rather
    ///   than in a temporary file.
    /// A connection the pool opens later runs with SQLite's defaults: slower, never less safe.
    private func tuneSQLiteConnections() async throws {
        guard engine == .sqlite else { return }
        for loop in databases.eventLoopGroup.makeIterator() {
            guard let db = databases.database(databaseID, logger: logger, on: loop) else { continue }
            try await db.withConnection { connection in
                for pragma in ["cache_size = -65536", "temp_store = MEMORY"] {
                    try await connection.sql.raw("PRAGMA \(unsafeRaw: pragma)").run()
                }
            }
        }
    }

    /// True when the database answers a trivial query (used by `/healthz`).
    public func ping() async -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        do {
            try await sql.raw("SELECT 1").run()
            return true
        } catch {
            return false
        }
    }

    /// Writes waiting for the next group commit (a backlog means the database cannot keep up).
    public func waitingWrites() async -> Int {
        await writes.waitingCount
    }

    /// Closes the pools; later calls do nothing, so every owner on every path may call it.
    public func shutdown() async {
        guard
            closed.withLockedValue({ wasClosed in
                defer { wasClosed = true }
                return !wasClosed
            })
        else { return }
        await databases.shutdownAsync()
    }
}

extension KefuDatabase {
    /// Runs one trusted statement written by Kefu itself (maintenance, tests); never user input.
    public func execute(_ statement: String) async throws {
        try await db.sql.raw("\(unsafeRaw: statement)").run()
    }
}
