import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// Purchases in the store, on both databases: recording with its timeline event, audit row and the
/// customer's stage; idempotency on source + external_ref, also under concurrent retries; refunds.
@Suite("PurchaseRepository")
struct PurchaseRepositoryTests {
    static let day: TimeInterval = 86_400

    static func draft(
        _ customer: UUID, daysAgo: Double = 1, total: Int = 3_300, source: String? = nil, ref: String? = nil
    ) -> PurchaseDraft {
        PurchaseDraft(
            customerID: customer, purchasedAt: tester.now.addingTimeInterval(-daysAgo * day), total: total,
            items: [
                PurchaseItem(sku: "LATTE", name: "拿铁", quantity: 2, unitPrice: 1_200),
                PurchaseItem(sku: "CAKE", name: "蛋糕", category: "甜点", quantity: 1, unitPrice: 900),
            ], source: source, externalRef: ref)
    }

    static func kinds(_ database: KefuDatabase, _ customer: UUID) async throws -> [String] {
        try await Timeline.list(in: database, customerID: customer, limit: 100, cursor: nil).items.map(\.kind)
    }

    static func audited(_ database: KefuDatabase) async throws -> [String] {
        try await AuditLog.list(in: database, entityType: "purchase", limit: 100, cursor: nil).items.map(\.action)
    }

    static func stage(_ database: KefuDatabase, _ customer: UUID) async throws -> LifecycleStage {
        try await CustomerRepository(database).get(customer).profile.stage
    }

    @Test(arguments: Engine.available)
    func recordingLandsOnTheTimelineIsAuditedAndMovesTheStage(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester).id
            let purchases = PurchaseRepository(database)
            let first = try await purchases.record(Self.draft(customer), by: tester)
            #expect(first.created)
            #expect(first.purchase.currency == "CNY" && first.purchase.total == 3_300 && first.purchase.refundOf == nil)
            #expect(try await purchases.get(first.purchase.id) == first.purchase)
            #expect(try await Self.stage(database, customer) == .new)
            #expect(try await Self.kinds(database, customer).filter { $0 == PurchaseEventKind.recorded }.count == 1)
            #expect(try await Self.audited(database) == [PurchaseEventKind.recorded])
            _ = try await purchases.record(Self.draft(customer), by: tester)
            #expect(try await Self.stage(database, customer) == .returning)
            var settings = try await SettingsRepository(database).get()
            settings.purchases.loyalAfter = 3
            _ = try await SettingsRepository(database).update(settings, by: tester)
            _ = try await purchases.record(Self.draft(customer), by: tester)
            #expect(try await Self.stage(database, customer) == .loyal)
            let kinds = try await Self.kinds(database, customer)
            #expect(kinds.filter { $0 == CustomerEventKind.updated }.count == 2, "two stage changes")
            // A customer whose only purchase (recorded late) was 100 days ago is at risk.
            let late = try await CustomerRepository(database).create(profile("李华"), by: tester).id
            _ = try await purchases.record(Self.draft(late, daysAgo: 100), by: tester)
            #expect(try await Self.stage(database, late) == .atRisk)
        }
    }

    @Test(arguments: Engine.available)
    func badInputWritesNothing(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester).id
            let purchases = PurchaseRepository(database)
            var unknown = Self.draft(UUID())
            unknown.branchID = UUID()
            do {
                _ = try await purchases.record(unknown, by: tester)
                Issue.record("an unknown customer was accepted")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["customer_id", "branch_id"])
            }
            var invalid = Self.draft(customer)
            invalid.total = nil
            await #expect(throws: DomainError.self) { try await purchases.record(invalid, by: tester) }
            #expect(try await purchases.list(customerID: customer, limit: 10, cursor: nil).items.isEmpty)
            #expect(try await Self.audited(database).isEmpty)
            #expect(try await Self.kinds(database, customer) == [CustomerEventKind.created])
        }
    }

    @Test(arguments: Engine.available)
    func theSameSourceAndReferenceAgainReturnsTheStoredPurchaseAndWritesNothing(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester).id
            let purchases = PurchaseRepository(database)
            let first = try await purchases.record(Self.draft(customer, source: "pos", ref: "A-1"), by: tester)
            let again = try await purchases.record(
                Self.draft(customer, total: 1, source: "pos", ref: "A-1"), by: tester)
            #expect(first.created && !again.created)
            #expect(again.purchase == first.purchase)
            let elsewhere = try await purchases.record(Self.draft(customer, source: "web", ref: "A-1"), by: tester)
            let unsourced = try await purchases.record(Self.draft(customer, ref: "A-1"), by: tester)
            let unsourcedAgain = try await purchases.record(Self.draft(customer, ref: "A-1"), by: tester)
            #expect(elsewhere.created && unsourced.created && unsourcedAgain.created)
            #expect(try await purchases.list(customerID: customer, limit: 10, cursor: nil).items.count == 4)
            #expect(try await Self.audited(database).count == 4)
            #expect(try await Self.kinds(database, customer).filter { $0 == PurchaseEventKind.recorded }.count == 4)
        }
    }

    @Test(arguments: Engine.available)
    func concurrentRetriesOnTwoServersStoreOnePurchase(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester).id
            // On PostgreSQL a second server on the same database: its own pools and group commit. SQLite is one
            // server's embedded database, so there every retry goes through the one handle: a second handle in
            // this process would wait for the write lock on SQLite's shared threads and stall the other tests.
            let separate = engine == .postgres
            let other = separate ? try KefuDatabase(location: database.location, poolSize: 2) : database
            do {
                if separate { try await other.migrate() }
                let results = try await withThrowingTaskGroup(of: PurchaseRepository.Recorded.self) { group in
                    for index in 0..<12 {
                        let repository = PurchaseRepository(index.isMultiple(of: 2) ? database : other)
                        group.addTask {
                            try await repository.record(Self.draft(customer, source: "pos", ref: "R-9"), by: tester)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(results.filter(\.created).count == 1)
                #expect(Set(results.map(\.purchase.id)).count == 1)
            } catch {
                if separate { await other.shutdown() }
                throw error
            }
            if separate { await other.shutdown() }
            let purchases = PurchaseRepository(database)
            #expect(try await purchases.list(customerID: customer, limit: 10, cursor: nil).items.count == 1)
            #expect(try await Self.audited(database) == [PurchaseEventKind.recorded])
            #expect(try await Self.kinds(database, customer).filter { $0 == PurchaseEventKind.recorded }.count == 1)
        }
    }

    @Test(arguments: Engine.available)
    func refundsInPartThenInFullNeverMoreThanWasBought(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester).id
            let purchases = PurchaseRepository(database)
            let original = try await purchases.record(Self.draft(customer), by: tester).purchase
            _ = try await purchases.record(Self.draft(customer), by: tester)
            #expect(try await Self.stage(database, customer) == .returning)
            let part = try await purchases.refund(
                original.id, RefundRequest(items: [.init(sku: "LATTE", quantity: 1)]), by: tester)
            #expect(part.total == -1_200 && part.refundOf == original.id && part.customerID == customer)
            do {
                _ = try await purchases.refund(
                    original.id, RefundRequest(items: [.init(sku: "LATTE", quantity: 2)]), by: tester)
                Issue.record("refunded more lattes than remained")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["items[0].quantity"])
            }
            let rest = try await purchases.refund(original.id, RefundRequest(), by: tester)
            #expect(rest.total == -2_100 && rest.items.map(\.quantity) == [1, 1])
            await #expect(throws: DomainError.self) {
                try await purchases.refund(original.id, RefundRequest(), by: tester)
            }
            await #expect(throws: DomainError.self) { try await purchases.refund(rest.id, RefundRequest(), by: tester) }
            await #expect(throws: DomainError.self) { try await purchases.refund(UUID(), RefundRequest(), by: tester) }
            // Refunds are not purchases: the stage stays.
            #expect(try await Self.stage(database, customer) == .returning)
            #expect(try await Self.kinds(database, customer).filter { $0 == PurchaseEventKind.refunded }.count == 2)
            #expect(try await purchases.list(customerID: customer, limit: 10, cursor: nil).items.count == 4)
        }
    }

    @Test(arguments: Engine.available)
    func listsPageNewestFirst(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester).id
            let other = try await CustomerRepository(database).create(profile("李华"), by: tester).id
            let purchases = PurchaseRepository(database)
            var ids: [UUID] = []
            for days in [5.0, 1, 3, 2, 4] {
                ids.append(try await purchases.record(Self.draft(customer, daysAgo: days), by: tester).purchase.id)
            }
            _ = try await purchases.record(Self.draft(other), by: tester)
            let first = try await purchases.list(customerID: customer, limit: 3, cursor: nil)
            let second = try await purchases.list(customerID: customer, limit: 3, cursor: first.nextCursor)
            #expect(first.items.map(\.id) == [ids[1], ids[3], ids[2]])
            #expect(second.items.map(\.id) == [ids[4], ids[0]] && second.nextCursor == nil)
        }
    }
}
