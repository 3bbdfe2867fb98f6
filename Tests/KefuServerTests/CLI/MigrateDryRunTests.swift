import Foundation
import KefuStore
import KefuTestSupport
import SQLKit
import Testing

@Suite("kefu migrate --dry-run", .enabled(if: KefuCLI.built != nil))
struct MigrateDryRunTests {
    let cli = KefuCLI.built!

    /// A fresh file lists every migration and stays empty; a migrated one lists none.
    @Test func aFreshFileListsEveryMigrationAndStaysEmpty() async throws {
        try await withTemporaryDirectoryAsync { directory in
            let fresh = directory.appendingPathComponent("fresh.sqlite")
            try Data().write(to: fresh)
            // MUT
            let pending = try cli.run(["migrate", "--dry-run", "--database", fresh.path])
            // validate
            #expect(pending.status == 0, "\(pending.stderr)")
            #expect(try Data(contentsOf: fresh).isEmpty)
            #expect(try cli.run(["migrate", "--database", fresh.path]).status == 0)
            let applied = try await Self.appliedMigrations(.sqlite(path: fresh.path))
            #expect(pending.stdout == applied.map { $0 + "\n" }.joined())
            let none = try cli.run(["migrate", "--dry-run", "--database", fresh.path])
            #expect(none.status == 0 && none.stdout == "No pending migrations.\n")
        }
    }

    /// The same on an empty PostgreSQL database, which keeps no table.
    @Test(.enabled(if: Engine.postgresURL != nil))
    func onPostgreSQLAnEmptyDatabaseListsEveryMigration() async throws {
        try await withEmptyPostgresDatabase { url in
            // MUT
            let pending = try cli.run(["migrate", "--dry-run", "--database", url])
            // validate
            #expect(pending.status == 0, "\(pending.stderr)")
            #expect(try await Self.tables(.postgres(url: url)) == 0)
            #expect(try cli.run(["migrate", "--database", url]).status == 0)
            let applied = try await Self.appliedMigrations(.postgres(url: url))
            #expect(pending.stdout == applied.map { $0 + "\n" }.joined())
            #expect(try cli.run(["migrate", "--dry-run", "--database", url]).stdout == "No pending migrations.\n")
        }
    }

    /// The names Fluent recorded, in order (they are numbered).
    static func appliedMigrations(_ location: DatabaseLocation) async throws -> [String] {
        try await rows(in: location, "SELECT name FROM _fluent_migrations ORDER BY name")
            .map { try $0.decode(column: "name", as: String.self) }
    }

    static func tables(_ location: DatabaseLocation) async throws -> Int {
        let sql = "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'"
        return try await rows(in: location, sql)
            .first?.decode(column: "n", as: Int.self) ?? 0
    }
}
