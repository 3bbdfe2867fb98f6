import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

@Suite("Migration 004: customer gram index")
struct CreateCustomerGramIndexTests {
    /// A database from before 004 (reverted to it) gets grams for its customers when migrated up,
    /// and the triggers it installs keep the index in step afterwards.
    @Test(arguments: Engine.available)
    func existingCustomersAreBackfilledAndLaterWritesIndexed(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            // setup: customers written, then the schema taken back to 003
            let search = try await CustomerGramSearchTests.seed(database, targets: ["覃海峰", "李娜", "Li Lei"])
            _ = try await NoteRepository(database).create(customerID: search.targets[1].id, body: "喜欢靠窗", by: tester)
            let migration = CreateCustomerGramIndex(backfillPageSize: 2)
            // One connection for both: another SQLite connection may parse the ALTER TABLE against
            // its cached schema (as a fresh `kefu migrate` process never does).
            let db = database.db
            try await migration.revert(on: db)
            if engine == .sqlite {
                // As if 李娜 had been created before 003: no trigram row.
                try await database.execute(
                    """
                    DELETE FROM customer_search WHERE rowid = (SELECT fts_rowid FROM customer_search_map \
                    WHERE customer_id = '\(search.targets[1].id.uuidString)')
                    """)
                try await database.execute(
                    "DELETE FROM customer_search_map WHERE customer_id = '\(search.targets[1].id.uuidString)'")
            }
            // MUT
            try await migration.prepare(on: db)
            // validate: every row's stored grams are those of its search text
            struct Row: Decodable {
                var search_text: String
                var search_grams: String
            }
            let rows = try await database.db.sql.select().column("search_text").column("search_grams").from("customers")
                .all(decoding: Row.self)
            #expect(rows.count == 7)
            for row in rows {
                #expect(row.search_grams == SearchGrams.grams(of: row.search_text), "\(row.search_text)")
            }
            #expect(try await search.names("覃") == ["覃海峰"])
            #expect(try await search.names("靠窗") == ["李娜"])
            #expect(try await search.names("li") == ["Li Lei"])
            #expect(try await search.names("喜欢靠窗") == ["李娜"])
            // validate: writes after the migration are indexed
            var renamed = search.targets[0].profile
            renamed.name = "陆海峰"
            _ = try await search.repository.update(search.targets[0].id, to: renamed, by: tester)
            #expect(try await search.names("覃") == [])
            #expect(try await search.names("陆") == ["陆海峰"])
            for (offset, name) in ["邝美云", "赵四", "孙五"].enumerated() {
                var later = tester
                later.now = tester.now.addingTimeInterval(3_600 + Double(offset))
                _ = try await search.repository.create(profile(name), by: later)
            }
            #expect(try await search.names("邝") == ["邝美云"])
        }
    }
}
