import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// `CrossSell` on both databases: the rules mined from a year of recorded purchases, refunds and older purchases
/// left out, stored and read back, replaced by each computation (the daily job's too), and the suggestions
/// they give a customer.
@Suite("Cross-sell rules")
struct CrossSellTests {
    static let day: TimeInterval = 86_400

    static func item(_ sku: String, _ name: String) -> PurchaseItem {
        PurchaseItem(sku: sku, name: name, quantity: 1, unitPrice: 100)
    }

    @Test(arguments: Engine.available)
    func recomputeMinesTheYearsPurchasesWithoutRefundsAndSuggestsWhatACustomerLacks(engine: Engine) async throws {
        let clock = TestClock(try #require(RFC3339.date("2026-03-01T00:00:00Z")))
        try await withDatabase(engine, clock: clock.clock) { database in
            let by = Attribution(userID: nil, email: "t@example.test", requestID: nil, now: clock.now)
            let customers = CustomerRepository(database)
            let purchases = PurchaseRepository(database)
            var ids: [UUID] = []
            for name in ["一", "二", "三", "四", "五"] { ids.append(try await customers.create(profile(name), by: by).id) }
            let (tea, cup, pot) = (Self.item("TEA", "茶"), Self.item("CUP", "杯"), Self.item("POT", "壶"))
            // 6 baskets in the year: TEA in 4, CUP in 4, TEA+CUP in 3 — the only pair in 3 baskets.
            let baskets: [(Int, [PurchaseItem], Double)] = [
                (0, [tea, cup], 60), (1, [tea, cup], 50), (2, [tea, cup, pot], 40), (3, [tea], 30), (3, [pot], 20),
                (1, [pot, Self.item("CUP", "茶杯")], 10),
                // Older than the year: not counted.
                (2, [tea, cup], 400),
            ]
            var recorded: [Purchase] = []
            for (customer, items, daysAgo) in baskets {
                recorded.append(
                    try await purchases.record(
                        PurchaseDraft(
                            customerID: ids[customer], purchasedAt: clock.now.addingTimeInterval(-daysAgo * Self.day),
                            total: 100 * items.count, items: items), by: by
                    ).purchase)
            }
            // A refund's lines would make TEA+CUP 4 baskets if it were one.
            _ = try await purchases.refund(recorded[0].id, RefundRequest(), by: by)
            let crossSell = CrossSell(database)
            let none = try await crossSell.rules()
            #expect(none.rules == [] && none.computedAt == nil)
            // MUT
            let computed = try await crossSell.recompute(now: clock.now)
            // validate: lift 3·6/(4·4) both ways; equal, so CUP before TEA.
            let rule = { (x: String, y: String) in
                AssociationRule(
                    antecedent: x, consequent: y, basketsBoth: 3, basketsAntecedent: 4, basketsConsequent: 4, baskets: 6
                )
            }
            #expect(computed.rules == [rule("CUP", "TEA"), rule("TEA", "CUP")])
            let stored = try await crossSell.rules()
            #expect(stored.rules == computed.rules && stored.computedAt == clock.now)
            #expect(stored.names == ["CUP": "茶杯", "TEA": "茶"], "a sku is named as last sold")
            #expect(try await crossSell.rules(limit: 1).rules == [rule("CUP", "TEA")])

            let suggested = try await crossSell.suggestions(forCustomer: ids[3])
            #expect(suggested.rules == [rule("TEA", "CUP")] && suggested.names["CUP"] == "茶杯")
            #expect(try await crossSell.suggestions(forCustomer: ids[0]).rules == [], "bought both already")
            #expect(try await crossSell.suggestions(forCustomer: ids[4]).rules == [], "bought nothing")
            await #expect(throws: DomainError.self) { try await crossSell.suggestions(forCustomer: UUID()) }

            // Each computation replaces the rules: the daily job's, a year later, finds no purchase in its year.
            clock.advance(by: 400 * Self.day)
            #expect(try await DailyJobs(database, kinds: [CrossSell.kind]).arm() == [CrossSell.kind])
            let queue = JobQueue(database)
            let job = try #require(try await queue.claim(limit: 10).first { $0.kind == CrossSell.kind })
            let jobDay = try #require(try job.payload(as: DailyJobs.Day.self).day)
            #expect(try await queue.run(job) { tx in try await CrossSell.run(jobDay, tx) } == .done)
            #expect(try await crossSell.rules().rules == [])
            clock.advance(by: -400 * Self.day)
            #expect(try await crossSell.recompute(now: clock.now).rules.count == 2)
            #expect(try await crossSell.rules().rules.count == 2)
        }
    }
}
