import Foundation
public import KefuStore
public import Testing

/// The engines every store test runs on: SQLite always, PostgreSQL when `KEFU_TEST_POSTGRES_URL`
/// names a server (scripts/test.sh starts one).
public enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    public var testDescription: String { rawValue }

    public static let postgresURL = ProcessInfo.processInfo.environment["KEFU_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    public static let available: [Engine] = {
        if postgresURL == nil {
            print("note: KEFU_TEST_POSTGRES_URL is not set; store tests run on SQLite only (scripts/test.sh runs both).")
            return [.sqlite]
        }
        return [.sqlite, .postgres]
    }()
}

/// A fresh, migrated database for one test, removed afterwards: a temporary SQLite file, or a
/// new PostgreSQL database created on the test server.
public func withDatabase(_ engine: Engine, _ body: (KefuDatabase) async throws -> Void) async throws {
    let name = "kefu_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    switch engine {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(name + ".sqlite").path
        let database = try KefuDatabase(location: .sqlite(path: path))
        do {
            try await database.migrate()
            try await body(database)
        } catch {
            await database.shutdown()
            removeSQLite(path)
            throw error
        }
        await database.shutdown()
        removeSQLite(path)
    case .postgres:
        let base = try #require(Engine.postgresURL)
        let admin = try KefuDatabase(location: .postgres(url: base), poolSize: 1)
        try await admin.execute("CREATE DATABASE \(name)")
        var components = try #require(URLComponents(string: base))
        components.path = "/" + name
        let database = try KefuDatabase(location: .postgres(url: components.string!), poolSize: 2)
        do {
            try await database.migrate()
            try await body(database)
        } catch {
            await database.shutdown()
            try? await admin.execute("DROP DATABASE \(name)")
            await admin.shutdown()
            throw error
        }
        await database.shutdown()
        try await admin.execute("DROP DATABASE \(name)")
        await admin.shutdown()
    }
}

private func removeSQLite(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
