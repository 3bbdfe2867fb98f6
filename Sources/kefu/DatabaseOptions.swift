import ArgumentParser
import Foundation
import KefuStore

/// `--database PATH|postgres://…`, shared by every command that touches data.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite file or postgres:// URL (default: $KEFU_DATABASE_URL, else ./kefu.sqlite).")
    var database: String?

    var location: DatabaseLocation {
        DatabaseLocation.resolve(option: database, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens and migrates the database; the caller closes it (`shutdown()`). Commands that must see
    /// the database as it is (a backup taken before an upgrade, a migration dry run) pass
    /// `migrating: false`; they refuse a SQLite file that does not exist rather than create it.
    func open(migrating: Bool = true) async throws -> KefuDatabase {
        if !migrating, case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CLIFailure("no database at \(path)")
        }
        let database: KefuDatabase
        do {
            database = try KefuDatabase(location: location)
        } catch {
            throw CLIFailure("cannot open database \(location): \(error)")
        }
        do {
            if migrating { try await database.migrate() }
        } catch {
            // Closed before the error leaves: an open pool must not outlive its owner.
            await database.shutdown()
            throw CLIFailure("cannot open database \(location): \(error)")
        }
        return database
    }

    /// Opens (and unless told otherwise migrates) the database, runs `body`, and always closes the pools.
    func withDatabase<T>(migrating: Bool = true, _ body: (KefuDatabase) async throws -> T) async throws -> T {
        let database = try await open(migrating: migrating)
        do {
            let result = try await body(database)
            await database.shutdown()
            return result
        } catch {
            await database.shutdown()
            throw error
        }
    }
}
