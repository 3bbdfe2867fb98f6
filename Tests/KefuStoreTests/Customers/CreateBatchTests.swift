import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

@Suite("Group-committed creates")
struct CreateBatchTests {
    @Test(arguments: Engine.available)
    func concurrentCreatesEachGetTheirOwnOutcome(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            // setup: 60 concurrent creates; every 10th is invalid, every 3rd reuses phone 13800000000.
            let outcomes = await withTaskGroup(of: (Int, Result<Customer, any Error>).self) { group in
                for index in 0..<60 {
                    group.addTask {
                        let phone = index % 3 == 0 ? "13800000000" : String(format: "139%08d", index)
                        let name = index % 10 == 5 ? "" : "客户\(index)"
                        return (
                            index,
                            await Result { try await repository.create(profile(name, phones: [phone]), by: tester) }
                        )
                    }
                }
                var all: [Int: Result<Customer, any Error>] = [:]
                for await (index, result) in group { all[index] = result }
                return all
            }
            // validate
            let created = outcomes.values.compactMap { try? $0.get() }
            let sharedPhoneWinners = created.filter { $0.profile.phones == ["+8613800000000"] }
            #expect(sharedPhoneWinners.count == 1)
            for (index, result) in outcomes where index % 10 == 5 {
                #expect(throws: DomainError.self) { try result.get() }
            }
            for (index, result) in outcomes where index % 3 != 0 && index % 10 != 5 {
                #expect((try? result.get()) != nil, "create \(index)")
            }
            let stored = try await repository.count(CustomerQuery())
            #expect(stored == created.count)
            for customer in created {
                let loaded = try await repository.get(customer.id)
                #expect(loaded.profile == customer.profile)
                let events = try await Timeline.list(in: database, customerID: customer.id, limit: 5, cursor: nil)
                #expect(events.items.map(\.kind) == [CustomerEventKind.created])
            }
        }
    }
}

@Suite("Group-committed creates: a batch that fails to insert")
struct CreateBatchRetryTests {
    /// When a batch's insert fails (another writer committed a clashing row after the checks), each
    /// create is checked and written again on its own, so only the one that clashes fails.
    @Test(arguments: Engine.available)
    func onlyTheCreateThatClashesFails(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let rules = try await SettingsRepository(database).get().customerRules
            func prepared(_ name: String, _ phone: String) throws -> PreparedCreate {
                try PreparedCreate(validated: profile(name, phones: [phone]).validated(under: rules), by: tester)
            }
            let first = try prepared("王小明", "13800000001")
            _ = try await database.db.sqlTransaction { try await CreateBatch.write([first], on: $0)[0].get() }
            // The same row again stands for a row another writer committed meanwhile: it passes the
            // checks (its id is new to them) but not the insert.
            let again = PreparedCreate(copying: first)
            let other = try prepared("李雷", "13800000002")
            let results = try await database.db.sqlTransaction { try await CreateBatch.write([other, again], on: $0) }
            #expect(try results[0].get().profile.name == "李雷")
            #expect(throws: (any Error).self) { try results[1].get() }
            #expect(try await CustomerRepository(database).count(CustomerQuery()) == 2)
        }
    }
}

extension PreparedCreate {
    /// `other` with the phones and emails the checks look at taken away, so only the insert can fail.
    init(copying other: PreparedCreate) {
        self = other
        profile.phones = []
    }
}

extension Result where Failure == any Error {
    init(_ body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
