import Foundation
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@Suite("Group-committed creates")
struct CustomerCreateQueueTests {
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
                        return (index, await Result { try await repository.create(profile(name, phones: [phone]), by: tester) })
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

extension Result where Failure == any Error {
    init(_ body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
