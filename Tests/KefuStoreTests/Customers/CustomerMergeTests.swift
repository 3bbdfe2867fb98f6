import Foundation
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@Suite("Customer merge")
struct CustomerMergeTests {
    @Test(arguments: Engine.available)
    func survivorKeepsEverythingAndDuplicateRedirects(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customers = CustomerRepository(database)
            let survivor = try await customers.create(
                profile("王小明", phones: ["13800138000"], tags: ["vip"]), by: tester)
            let duplicate = try await customers.create(
                profile("小明", phones: ["13900139000"], emails: ["xm@example.com"], tags: ["车主"], kind: .organization),
                by: tester)
            _ = try await NoteRepository(database).create(
                customerID: duplicate.id, body: "called about invoice", by: tester)
            var contact = KeyContactProfile()
            contact.name = "秘书"
            _ = try await ContactRepository(database).create(customerID: duplicate.id, contact, by: tester)
            // MUT
            let merged = try await customers.merge(duplicateID: duplicate.id, into: survivor.id, by: tester)
            // validate
            #expect(merged.profile.phones == ["+8613800138000", "+8613900139000"])
            #expect(merged.profile.emails == ["xm@example.com"])
            #expect(merged.profile.tags == ["vip", "车主"])
            await #expect(throws: DomainError.merged(into: survivor.id)) { try await customers.get(duplicate.id) }
            let notes = try await NoteRepository(database).list(customerID: survivor.id, limit: 10, cursor: nil)
            #expect(notes.items.map(\.body) == ["called about invoice"])
            #expect(try await ContactRepository(database).list(customerID: survivor.id).map(\.profile.name) == ["秘书"])
            let kinds = try await Timeline.list(in: database, customerID: survivor.id, limit: 50, cursor: nil).items
                .map(\.kind)
            #expect(kinds.contains(CustomerEventKind.merged))
            #expect(kinds.filter { $0 == CustomerEventKind.created }.count == 2)
            var search = CustomerQuery()
            search.text = "invoice"
            #expect(try await customers.list(search).items.map(\.id) == [survivor.id])
            #expect(try await customers.count(CustomerQuery()) == 1)
            await #expect(throws: DomainError.self) {
                try await customers.merge(duplicateID: duplicate.id, into: survivor.id, by: tester)
            }
        }
    }
}
