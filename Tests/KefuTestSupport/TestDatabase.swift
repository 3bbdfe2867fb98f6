import Foundation
public import KefuCore
public import KefuStore
public import Testing

/// The engines every store test runs on: SQLite always, PostgreSQL when `KEFU_TEST_POSTGRES_URL`
/// names a server (scripts/test.sh starts one).
public enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    public var testDescription: String { rawValue }

    public static let postgresURL = ProcessInfo.processInfo.environment["KEFU_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    public static let available: [Engine] = {
        if postgresURL == nil {
            print(
                "note: KEFU_TEST_POSTGRES_URL is not set; store tests run on SQLite only (scripts/test.sh runs both).")
            return [.sqlite]
        }
        return [.sqlite, .postgres]
    }()
}

/// A fresh, migrated database for one test, removed afterwards: a temporary SQLite file, or a
/// new PostgreSQL database created on the test server; its users read the time from `clock`.
public func withDatabase(
    _ engine: Engine, clock: WallClock = .system,
    _ body: (KefuDatabase) async throws -> Void
) async throws {
    switch engine {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(scratchName() + ".sqlite").path
        defer { removeSQLite(path) }
        try await withMigrated(.sqlite(path: path), clock: clock, body)
    case .postgres:
        try await withEmptyPostgresDatabase { url in
            try await withMigrated(.postgres(url: url), poolSize: 2, clock: clock, body)
        }
    }
}

/// A new, empty (not migrated) database on the PostgreSQL test server, named by its URL and
/// dropped after `body`; at most a few at once (`ScratchDatabaseGate`).
public func withEmptyPostgresDatabase(_ body: (_ url: String) async throws -> Void) async throws {
    try await ScratchDatabaseGate.shared.withPermit { try await withScratchPostgresDatabase(body) }
}

private func withScratchPostgresDatabase(_ body: (_ url: String) async throws -> Void) async throws {
    let name = scratchName()
    let base = try #require(Engine.postgresURL)
    let admin = try KefuDatabase(location: .postgres(url: base), poolSize: 1)
    do {
        try await admin.execute("CREATE DATABASE \(name)")
    } catch {
        // A pool must be shut down before it goes away, also when the server refused us.
        await admin.shutdown()
        throw error
    }
    var components = try #require(URLComponents(string: base))
    components.path = "/" + name
    var failure: (any Error)?
    do {
        try await body(components.string!)
    } catch {
        failure = error
    }
    do {
        // FORCE: a pool just shut down may leave a backend still exiting (seen when a checkpoint stalled the disk
        // for 40 s), and the test is done with the database whatever it still holds.
        try await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
    } catch {
        failure = failure ?? error
    }
    // Shut down whatever happened: a pool that goes away open traps.
    await admin.shutdown()
    if let failure { throw failure }
}

/// Opens and migrates `location`, runs `body`, and always closes the pools.
private func withMigrated(
    _ location: DatabaseLocation, poolSize: Int = 4, clock: WallClock,
    _ body: (KefuDatabase) async throws -> Void
) async throws {
    let database = try KefuDatabase(location: location, poolSize: poolSize, clock: clock)
    do {
        try await database.migrate()
        try await body(database)
    } catch {
        await database.shutdown()
        throw error
    }
    await database.shutdown()
}

private func scratchName() -> String {
    "kefu_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
}

private func removeSQLite(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
