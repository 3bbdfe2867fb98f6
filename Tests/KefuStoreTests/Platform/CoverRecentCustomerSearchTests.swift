import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

@Suite("Migration 005: covering index for recent customers")
struct CoverRecentCustomerSearchTests {
    /// Reverting and re-applying 005 keeps search results; on SQLite the newest-first scan of live
    /// customers reads the covering index, and revert brings back the plain one.
    @Test(arguments: Engine.available)
    func theWindowReadsTheCoveringIndexAndRevertRestoresThePlainOne(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let search = try await CustomerGramSearchTests.seed(
                database, targets: ["覃海峰", "Li Lei"], candidateLimit: 0)
            let migration = CoverRecentCustomerSearch()
            let db = database.db
            try await migration.revert(on: db)
            if engine == .sqlite { #expect(try await Self.indexes(database) == ["customers_created_idx"]) }
            #expect(try await search.names("li l") == ["Li Lei"])
            // MUT
            try await migration.prepare(on: db)
            #expect(try await search.names("li l") == ["Li Lei"])
            #expect(try await search.names("覃") == ["覃海峰"])
            guard engine == .sqlite else { return }
            #expect(try await Self.indexes(database) == ["customers_live_created_idx"])
            struct Step: Decodable { var detail: String }
            let plan = try await db.sql.raw(
                """
                EXPLAIN QUERY PLAN SELECT id, created_at, search_text FROM customers \
                WHERE deleted_at IS NULL AND merged_into IS NULL ORDER BY created_at DESC, id DESC LIMIT 10
                """
            ).all(decoding: Step.self)
            #expect(plan.map(\.detail) == ["SCAN customers USING INDEX customers_live_created_idx"])
        }
    }

    private static func indexes(_ database: KefuDatabase) async throws -> [String] {
        struct Index: Decodable { var name: String }
        return try await database.db.sql.raw(
            """
            SELECT name FROM sqlite_master
            WHERE type = 'index' AND name IN ('customers_created_idx', 'customers_live_created_idx')
            """
        ).all(decoding: Index.self).map(\.name)
    }
}
