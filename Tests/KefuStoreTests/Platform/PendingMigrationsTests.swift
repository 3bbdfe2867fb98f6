@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

@Suite("Pending migrations")
struct PendingMigrationsTests {
    /// An upgrade: the database has all but the newest migration, which is the one listed.
    @Test(arguments: Engine.available)
    func onlyTheMigrationsNotLoggedArePending(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            #expect(try await database.pendingMigrations().isEmpty)
            let newest = try #require(KefuMigrations.all.last?.name)
            try await database.db.sql.delete(from: "_fluent_migrations").where("name", .equal, newest).run()
            // MUT
            let pending = try await database.pendingMigrations()
            // validate
            #expect(pending == [newest])
        }
    }
}
