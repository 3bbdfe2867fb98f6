import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// A customer's `account_manager_id` on both databases: written to its column and read back from it, an
/// active staff user or a 400 that writes nothing, named by email in CSV files, kept or filled by a merge.
@Suite("Customer account manager")
struct CustomerAccountManagerTests {
    static func managed(_ name: String, by manager: UUID?) -> CustomerProfile {
        var managed = profile(name)
        managed.accountManagerID = manager
        return managed
    }

    static let unknownUser = DomainError.invalid([
        FieldError(field: "account_manager_id", code: "unknown_user", message: "No such active staff user.")
    ])

    static func column(_ database: KefuDatabase, _ customer: UUID) async throws -> UUID? {
        struct Row: Decodable { var account_manager_id: UUID? }
        return try await database.db.sql.select().column("account_manager_id").from("customers")
            .where("id", .equal, customer).first(decoding: Row.self)?.account_manager_id
    }

    @Test(arguments: Engine.available)
    func setClearedAndReadFromItsColumn(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let lin = try await TicketRepositoryTests.staff(database, "lin", .agent)
            let repository = CustomerRepository(database)
            let created = try await repository.create(Self.managed("王小明", by: lin.id), by: tester)
            #expect(created.profile.accountManagerID == lin.id)
            #expect(try await Self.column(database, created.id) == lin.id)
            #expect(try await repository.get(created.id).profile.accountManagerID == lin.id)
            #expect(try await repository.list(CustomerQuery()).items.map(\.profile.accountManagerID) == [lin.id])

            var cleared = created.profile
            cleared.accountManagerID = nil
            _ = try await repository.update(created.id, to: cleared, by: tester)
            #expect(try await Self.column(database, created.id) == nil)
            #expect(try await repository.get(created.id).profile.accountManagerID == nil)
        }
    }

    @Test(arguments: Engine.available)
    func anUnknownOrInactiveUserIsRefusedAndNothingIsWritten(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let gone = try await TicketRepositoryTests.staff(database, "gone", .agent)
            _ = try await UserRepository(database).update(gone.id, .init(active: false), by: tester)
            let repository = CustomerRepository(database)
            for manager in [UUID(), gone.id] {
                await #expect(throws: Self.unknownUser) {
                    try await repository.create(Self.managed("王小明", by: manager), by: tester)
                }
            }
            #expect(try await repository.count(CustomerQuery()) == 0)

            let customer = try await repository.create(profile("李雷"), by: tester)
            var changed = customer.profile
            changed.accountManagerID = gone.id
            changed.remarks = "不应保存"
            await #expect(throws: Self.unknownUser) {
                try await repository.update(customer.id, to: changed, by: tester)
            }
            let stored = try await repository.get(customer.id)
            #expect(stored.profile.accountManagerID == nil && stored.profile.remarks == nil)
            #expect(try await Self.column(database, customer.id) == nil)
        }
    }

    @Test(arguments: Engine.available)
    func mergeKeepsTheSurvivorsElseTakesTheDuplicates(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let lin = try await TicketRepositoryTests.staff(database, "lin", .agent)
            let wu = try await TicketRepositoryTests.staff(database, "wu", .agent)
            let repository = CustomerRepository(database)
            let keeps = try await repository.create(Self.managed("A", by: lin.id), by: tester)
            let other = try await repository.create(Self.managed("B", by: wu.id), by: tester)
            #expect(
                try await repository.merge(duplicateID: other.id, into: keeps.id, by: tester).profile.accountManagerID
                    == lin.id)
            let empty = try await repository.create(profile("C"), by: tester)
            let filler = try await repository.create(Self.managed("D", by: wu.id), by: tester)
            _ = try await repository.merge(duplicateID: filler.id, into: empty.id, by: tester)
            #expect(try await Self.column(database, empty.id) == wu.id)
        }
    }

    @Test(arguments: Engine.available)
    func importResolvesTheEmailAndExportWritesIt(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let lin = try await TicketRepositoryTests.staff(database, "lin", .agent)
            let gone = try await TicketRepositoryTests.staff(database, "gone", .agent)
            _ = try await UserRepository(database).update(gone.id, .init(active: false), by: tester)
            let csv = """
                name,account_manager
                王小明,Lin@Example.test
                李雷,
                韩梅梅,nobody@example.test
                Acme,gone@example.test
                Bad,not-an-email
                """
            let summary = try await CustomerImport(database).run(
                bytes: Array(csv.utf8), onDuplicate: .reject, dryRun: false, by: tester)
            #expect(summary.imported == 2)
            #expect(
                summary.rejected.map { "\($0.row) \($0.column)" }.sorted() == [
                    "4 account_manager", "5 account_manager", "6 account_manager",
                ])
            #expect(summary.rejected.first { $0.row == 6 }?.reason.contains("not an email address") == true)
            #expect(
                summary.rejected.first { $0.row == 4 }?.reason
                    == "No active staff user has the email \"nobody@example.test\".")
            let customers = try await CustomerRepository(database).list(CustomerQuery()).items
            let managers = Dictionary(
                uniqueKeysWithValues: customers.map { ($0.profile.name, $0.profile.accountManagerID) })
            #expect(managers == ["王小明": lin.id, "李雷": nil])

            var exported = ""
            try await CustomerExport(database).run { exported += $0 }
            let records = try CSV.records(in: exported).map(\.fields)
            let column = try #require(records.first?.firstIndex(of: "account_manager"))
            let cells = Dictionary(uniqueKeysWithValues: records.dropFirst().map { ($0[0], $0[column]) })
            #expect(cells == ["王小明": "lin@example.test", "李雷": ""])
        }
    }
}
