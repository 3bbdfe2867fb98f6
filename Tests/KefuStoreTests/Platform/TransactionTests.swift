import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import NIOConcurrencyHelpers
import SQLKit
import Testing

@Suite("Transactions")
struct TransactionTests {
    /// A transaction reads; another process commits a write; the transaction then writes. On SQLite
    /// a deferred transaction fails there with "database is locked"; Kefu's waits for the lock instead.
    @Test(arguments: Engine.available)
    func aWriteCommittedElsewhereAfterOurReadDoesNotFailOurTransaction(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let first = try await CustomerRepository(database).create(profile("甲"), by: tester)
            let elsewhere = try KefuDatabase(location: database.location)
            do {
                let finished = NIOLockedValueBox(false)
                try await database.db.sqlTransaction { tx in
                    _ = try await tx.select().column("id").from("customers").all()
                    let other = Task {
                        _ = try await CustomerRepository(elsewhere).create(profile("乙"), by: tester)
                        finished.withLockedValue { $0 = true }
                    }
                    // Give the other writer every chance to commit in between (SQLite makes it wait).
                    for _ in 0..<30 where !finished.withLockedValue({ $0 }) {
                        try await Task.sleep(for: .milliseconds(10))
                    }
                    try await tx.update("customers").set("name_key", to: "甲二").where("id", .equal, first.id).run()
                    _ = other
                }
                struct Key: Decodable { var name_key: String }
                let sql = database.db.sql
                var keys: [String] = []
                for _ in 0..<500 {
                    keys = try await sql.select().column("name_key").from("customers").all(decoding: Key.self).map(
                        \.name_key)
                    if keys.count == 2 { break }
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(Set(keys) == ["甲二", "乙"])
            } catch {
                await elsewhere.shutdown()
                throw error
            }
            await elsewhere.shutdown()
        }
    }
}
