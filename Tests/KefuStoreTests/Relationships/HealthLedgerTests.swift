import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// Relationship health in the store, on both databases: each source records its event once however often the
/// write is repeated; crossing below the threshold marks the customer at risk once (timeline), coming back
/// clears it; the daily job catches what time alone changes; the settings validate per field.
@Suite("HealthLedger")
struct HealthLedgerTests {
    static let day: TimeInterval = 86_400

    struct Stored: Decodable, Equatable {
        var kind: String
        var at: Date
        var source: String
    }

    static func events(_ database: KefuDatabase, _ customer: UUID) async throws -> [Stored] {
        try await database.db.sql.select().columns("kind", "at", "source").from("health_events")
            .where("customer_id", .equal, customer).orderBy("at").orderBy("id").all(decoding: Stored.self)
    }

    static func timeline(_ database: KefuDatabase, _ customer: UUID) async throws -> [String] {
        try await Timeline.list(in: database, customerID: customer, limit: 100, cursor: nil).items.map(\.kind)
            .filter { $0.hasPrefix("customer.at_risk") }
    }

    static func record(_ database: KefuDatabase, _ entries: [HealthLedger.Entry], now: Date) async throws {
        try await database.db.sqlTransaction { tx in try await HealthLedger.record(entries, on: tx, now: now) }
    }

    static func marked(_ database: KefuDatabase, _ customer: UUID) async throws -> Bool? {
        struct Row: Decodable { var at_risk: Bool }
        return try await database.db.sql.select().column("at_risk").from("customer_health")
            .where("customer_id", .equal, customer).first(decoding: Row.self)?.at_risk
    }

    @Test(arguments: Engine.available)
    func purchasesAndTicketsRecordEachEventOnce(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester).id
            let purchases = PurchaseRepository(database)
            let draft = PurchaseRepositoryTests.draft(customer, daysAgo: 2, source: "pos", ref: "A-1")
            let purchase = try await purchases.record(draft, by: tester).purchase
            _ = try await purchases.record(draft, by: tester)
            _ = try await purchases.refund(purchase.id, RefundRequest(), by: tester)
            #expect(
                try await Self.events(database, customer) == [
                    Stored(kind: "purchase", at: purchase.purchasedAt, source: "purchase:\(purchase.id.uuidString)")
                ])

            let agent = try await TicketRepositoryTests.staff(database, "agent", .agent)
            let tickets = TicketRepository(database)
            var complaint = TicketRepositoryTests.draft(customer)
            complaint.receivedAt = tester.now.addingTimeInterval(-3_600)
            let ticket = try await tickets.create(complaint, creator: .staff(id: agent.id, role: .agent), by: tester)
                .ticket
            var compliment = TicketRepositoryTests.draft(customer)
            compliment.type = .compliment
            let praise = try await tickets.create(compliment, creator: .staff(id: agent.id, role: .agent), by: tester)
                .ticket
            var request = TicketRepositoryTests.draft(customer)
            request.type = .request
            _ = try await tickets.create(request, creator: .staff(id: agent.id, role: .agent), by: tester)
            // A split makes a new complaint ticket: its own event.
            let message = try await tickets.reply(
                to: ticket.id, body: "另一个问题", visibility: .public, by: TicketRepositoryTests.attribution(agent))
            let split = try await tickets.split(
                ticket.id, messageID: message.id, subject: nil, creator: .staff(id: agent.id, role: .agent),
                by: TicketRepositoryTests.attribution(agent)
            ).ticket
            // Recording a source again (a retried write) changes nothing.
            try await Self.record(
                database,
                [
                    HealthLedger.Entry(
                        customerID: customer, kind: .complaint, at: ticket.receivedAt,
                        source: "ticket:\(ticket.id.uuidString):complaint")
                ], now: tester.now)
            let sources = try await Self.events(database, customer).map(\.source)
            #expect(
                Set(sources) == [
                    "purchase:\(purchase.id.uuidString)", "ticket:\(ticket.id.uuidString):complaint",
                    "ticket:\(praise.id.uuidString):compliment", "ticket:\(split.id.uuidString):complaint",
                ])
            #expect(sources.count == 4)
            let stored = try await Self.events(database, customer).first { $0.source.hasPrefix("ticket:\(ticket.id)") }
            #expect(stored?.at == ticket.receivedAt && stored?.kind == "complaint")
            // +1, then −3 (at risk), +3 (back), −3 (at risk again): each crossing once, none for the retry.
            let health = try await HealthLedger(database).health(of: customer)
            #expect(health.atRisk && health.movements.count == 4)
            #expect(
                try await Self.timeline(database, customer).sorted() == [
                    HealthLedger.atRiskEvent, HealthLedger.atRiskEvent, HealthLedger.atRiskClearedEvent,
                ])
        }
    }

    @Test(arguments: Engine.available)
    func aResolutionThatMetItsSLADepositsAndABreachWithdraws(engine: Engine) async throws {
        try await TicketSLATests.with(engine) { s in
            let early = try await s.ticket()  // before any policy: no SLA to meet
            _ = try await TicketSLATests.policy(s.database, first: 60)
            let kept = try await s.ticket()
            _ = try await s.tickets.reply(to: kept.id, body: "您好", visibility: .public, by: s.at(10))
            _ = try await s.tickets.update(kept.id, with: TicketChange(status: .resolved), by: s.at(20))
            _ = try await s.tickets.update(early.id, with: TicketChange(status: .resolved), by: s.at(20))
            let late = try await s.ticket()
            s.clock.now = TicketSLATests.after(61)
            try await s.drain()
            try await s.drain()
            _ = try await s.tickets.update(late.id, with: TicketChange(status: .resolved), by: s.at(70))
            // Resolved, reopened and resolved again in time: each resolution counts once.
            _ = try await s.tickets.update(kept.id, with: TicketChange(status: .open), by: s.at(71))
            _ = try await s.tickets.update(kept.id, with: TicketChange(status: .resolved), by: s.at(72))
            _ = try await s.tickets.update(kept.id, with: TicketChange(status: .resolved), by: s.at(73))
            let events = try await Self.events(s.database, s.customer.id)
            let breachID = try #require(
                try await s.database.db.sql.select().column("id").from("ticket_sla_breaches")
                    .where("ticket_id", .equal, late.id).first()?.decode(column: "id", as: UUID.self))
            let ms = { (minutes: Double) in Int64((TicketSLATests.after(minutes).timeIntervalSince1970 * 1_000)) }
            #expect(
                events == [
                    Stored(
                        kind: "resolved_within_sla", at: TicketSLATests.after(20),
                        source: "ticket:\(kept.id.uuidString):resolved_within_sla:\(ms(20))"),
                    Stored(kind: "sla_breach", at: TicketSLATests.after(61), source: "breach:\(breachID.uuidString)"),
                    Stored(
                        kind: "resolved_within_sla", at: TicketSLATests.after(72),
                        source: "ticket:\(kept.id.uuidString):resolved_within_sla:\(ms(72))"),
                ])
        }
    }

    @Test(arguments: Engine.available)
    func crossingBelowTheThresholdMarksOnceAndRecoveringClears(engine: Engine) async throws {
        try await withDatabase(engine, clock: TestClock(tester.now).clock) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester).id
            let now = tester.now
            func entry(_ kind: HealthEventKind, _ source: String, at: Date? = nil) -> HealthLedger.Entry {
                HealthLedger.Entry(customerID: customer, kind: kind, at: at ?? now, source: source)
            }
            try await Self.record(database, [entry(.complaint, "c1")], now: now)
            #expect(try await Self.marked(database, customer) == true)
            try await Self.record(database, [entry(.complaint, "c2"), entry(.complaint, "c1")], now: now)
            #expect(try await Self.timeline(database, customer) == [HealthLedger.atRiskEvent])
            // −6 + 9 = 3: back above the threshold.
            try await Self.record(
                database, [entry(.compliment, "p1"), entry(.compliment, "p2"), entry(.compliment, "p3")], now: now)
            #expect(try await Self.marked(database, customer) == false)
            #expect(
                try await Self.timeline(database, customer).sorted() == [
                    HealthLedger.atRiskEvent, HealthLedger.atRiskClearedEvent,
                ])
            // An event dated after now does not count yet.
            try await Self.record(database, [entry(.promiseMissed, "later", at: now + Self.day)], now: now)
            let health = try await HealthLedger(database).health(of: customer, limit: 2)
            #expect(abs(health.balance - 3) < 1e-9 && !health.atRisk)
            #expect(health.movements.count == 2 && health.movements.allSatisfy { $0.at == now })
            await #expect(throws: DomainError.self) { try await HealthLedger(database).health(of: UUID()) }
        }
    }

    /// Runs the health jobs due at the clock's now, as the worker would.
    static func drain(_ database: KefuDatabase) async throws {
        let queue = JobQueue(database)
        while true {
            let jobs = try await queue.claim(limit: 50)
            if jobs.isEmpty { return }
            for job in jobs {
                _ = try await queue.run(job) { tx in
                    switch job.kind {
                    case HealthLedger.dailyKind:
                        try await HealthLedger.reevaluate(
                            day: try #require(try job.payload(as: DailyJobs.Day.self).day), tx)
                    case HealthLedger.batchKind:
                        try await HealthLedger.reevaluate(try job.payload(as: HealthReevaluationBatch.self), tx)
                    default: break
                    }
                }
            }
        }
    }

    @Test(arguments: Engine.available)
    func theDailyJobCatchesWhatTimeAloneChanges(engine: Engine) async throws {
        let clock = TestClock(tester.now)
        try await withDatabase(engine, clock: clock.clock) { database in
            let settings = SettingsRepository(database)
            let fading = try await CustomerRepository(database).create(profile("王小明"), by: tester).id
            let waiting = try await CustomerRepository(database).create(profile("李华"), by: tester).id
            let now = clock.now
            try await Self.record(
                database,
                [
                    HealthLedger.Entry(customerID: fading, kind: .compliment, at: now, source: "p"),
                    // +3 now, and −5 that counts from day 2 on.
                    HealthLedger.Entry(customerID: waiting, kind: .compliment, at: now, source: "w1"),
                    HealthLedger.Entry(
                        customerID: waiting, kind: .promiseMissed, at: now + 2 * Self.day, source: "w2"),
                ], now: now)
            #expect(try await Self.marked(database, fading) == false)
            #expect(try await Self.marked(database, waiting) == false)

            // Day 100, threshold 0: decay never crosses it, but the promise missed came due
            // (3 · 0.5^(100/90) − 5 · 0.5^(98/90) ≈ −0.97).
            clock.advance(by: 100 * Self.day)
            let daily = DailyJobs(database, kinds: [HealthLedger.dailyKind])
            try await daily.arm()
            try await Self.drain(database)
            #expect(try await Self.marked(database, fading) == false)
            #expect(try await Self.marked(database, waiting) == true)

            // Threshold 1: everyone is re-evaluated; 3 · 0.5^(100/90) ≈ 1.39 is not below it.
            var business = try await settings.get()
            business.health.atRiskThreshold = 1
            _ = try await settings.update(business, by: Attribution.system("test", now: clock.now))
            try await Self.drain(database)
            #expect(try await Self.marked(database, fading) == false)
            // Day 150: 3 · 0.5^(150/90) ≈ 0.94 < 1, crossed by time alone; marked once however often it runs.
            clock.advance(by: 50 * Self.day)
            try await daily.arm()
            try await Self.drain(database)
            clock.advance(by: Self.day)
            try await daily.arm()
            try await Self.drain(database)
            #expect(try await Self.marked(database, fading) == true)
            #expect(try await Self.timeline(database, fading) == [HealthLedger.atRiskEvent])
            #expect(try await Self.timeline(database, waiting) == [HealthLedger.atRiskEvent])

            // Threshold −10: both come back.
            business.health.atRiskThreshold = -10
            _ = try await settings.update(business, by: Attribution.system("test", now: clock.now))
            try await Self.drain(database)
            #expect(try await Self.marked(database, fading) == false)
            #expect(try await Self.marked(database, waiting) == false)
            #expect(
                try await Self.timeline(database, fading) == [
                    HealthLedger.atRiskClearedEvent, HealthLedger.atRiskEvent,
                ])
        }
    }

    @Test(arguments: Engine.available)
    func healthSettingsValidatePerFieldAndReadPartially(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let settings = SettingsRepository(database)
            #expect(try await settings.get().health == HealthSettings())
            #expect(HealthSettings().weights["promise_missed"] == -5 && HealthSettings().weights.count == 12)
            var business = try await settings.get()
            business.health.weights["praise"] = 2
            business.health.halfLifeDays = 0
            business.health.atRiskThreshold = .infinity
            do {
                _ = try await settings.update(business, by: tester)
                Issue.record("invalid health settings were saved")
            } catch DomainError.invalid(let errors) {
                #expect(
                    errors.map { "\($0.field) \($0.code)" } == [
                        "health.weights.praise unknown_kind", "health.half_life_days out_of_range",
                        "health.at_risk_threshold out_of_range",
                    ])
            }
            let partial = try JSONDecoder().decode(
                HealthSettings.self, from: Data(#"{"weights": {"complaint": -4}, "half_life_days": 0.5}"#.utf8))
            #expect(partial.weights["complaint"] == -4 && partial.weights["compliment"] == 3)
            #expect(partial.halfLifeDays == 0.5 && partial.atRiskThreshold == 0)
            business.health = partial
            _ = try await settings.update(business, by: tester)
            #expect(try await SettingsRepository(database).get().health == partial)
            #expect(partial.calculator.weights[.complaint] == -4)
        }
    }
}
