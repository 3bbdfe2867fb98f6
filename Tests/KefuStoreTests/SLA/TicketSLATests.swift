import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// SLA clocks on tickets, on both databases: due times from the policy on the ticket's calendar, met by
/// replies and resolution, recorded pauses, warning and breach timers that fire once, recomputes after a
/// calendar or tier change, and the `breaching_soon` view.
@Suite("Ticket SLA clocks")
struct TicketSLATests {
    /// A Monday, 10:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_900_058_400)
    static let minute: TimeInterval = 60

    /// Open around the clock in UTC, so business minutes are real minutes.
    static let always = """
        {"time_zone": "UTC", "weekly": {"mon": [["00:00","24:00"]], "tue": [["00:00","24:00"]],
         "wed": [["00:00","24:00"]], "thu": [["00:00","24:00"]], "fri": [["00:00","24:00"]],
         "sat": [["00:00","24:00"]], "sun": [["00:00","24:00"]]}, "holidays": [], "extra_workdays": []}
        """

    struct Setup {
        var database: KefuDatabase
        var clock: TestClock
        var agent: User
        var manager: User
        var customer: Customer
        var tickets: TicketRepository

        func at(_ minutes: Double, _ user: User? = nil) -> Attribution {
            let who = user ?? agent
            return Attribution(
                userID: who.id, email: who.email, requestID: "test",
                now: TicketSLATests.start.addingTimeInterval(minutes * TicketSLATests.minute))
        }

        /// Logs a ticket as the agent at `minutes`, received then.
        func ticket(at minutes: Double = 0, received: Double? = nil, priority: TicketPriority? = nil) async throws
            -> Ticket
        {
            var draft = TicketRepositoryTests.draft(customer.id)
            draft.type = .request
            draft.priority = priority
            draft.receivedAt = received.map { TicketSLATests.start.addingTimeInterval($0 * TicketSLATests.minute) }
            return try await tickets.create(draft, creator: .staff(id: agent.id, role: .agent), by: at(minutes)).ticket
        }

        /// Runs every job due at the clock's now, as the worker would, until none is left.
        func drain() async throws {
            let queue = JobQueue(database)
            while true {
                let jobs = try await queue.claim(limit: 50)
                if jobs.isEmpty { return }
                for job in jobs {
                    _ = try await queue.run(job) { tx in
                        switch job.kind {
                        case SLATimers.warningKind: try await SLATimers.warn(try job.payload(as: SLATimer.self), tx)
                        case SLATimers.breachKind: try await SLATimers.breach(try job.payload(as: SLATimer.self), tx)
                        default:
                            try await SLATimers.recompute(try job.payload(as: SLARecomputeBatch.self), tx)
                        }
                    }
                }
            }
        }

        func pendingKeys() async throws -> [String] {
            struct Row: Decodable { var unique_key: String }
            return try await database.db.sql.select().column("unique_key").from("jobs")
                .where("status", .equal, "pending").where("kind", .notEqual, SLATimers.recomputeKind)
                .orderBy("unique_key").all(decoding: Row.self).map(\.unique_key)
        }
    }

    static func with(_ engine: Engine, _ body: (Setup) async throws -> Void) async throws {
        let clock = TestClock(start)
        try await withDatabase(engine, clock: clock.clock) { database in
            _ = try await CalendarRepository(database).putDefault(
                try JSONDecoder().decode(BusinessCalendar.self, from: Data(always.utf8)), by: tester)
            let setup = Setup(
                database: database, clock: clock,
                agent: try await TicketRepositoryTests.staff(database, "agent", .agent),
                manager: try await TicketRepositoryTests.staff(database, "manager", .manager),
                customer: try await CustomerRepository(database).create(profile("王小明", tier: "gold"), by: tester),
                tickets: TicketRepository(database))
            try await setup.drain()
            try await body(setup)
        }
    }

    static func policy(
        _ database: KefuDatabase, tiers: [String]? = nil, first: Int = 60, next: Int? = 30, resolution: Int = 480,
        raise: Bool? = nil
    ) async throws -> SLAPolicy {
        try await SLAPolicyRepository(database).create(
            SLAPolicyDraft(
                name: "p\(first)", tiers: tiers, firstResponseMinutes: first, nextReplyMinutes: next,
                resolutionMinutes: resolution, raisePriorityOnBreach: raise), by: tester)
    }

    static func after(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * minute) }

    @Test(arguments: Engine.available)
    func repliesMeetTheClocksAndACustomerMessageStartsTheNextReplyClock(engine: Engine) async throws {
        try await Self.with(engine) { s in
            #expect(try await s.tickets.get(try await s.ticket().id).sla == TicketSLAStatus())
            let policy = try await Self.policy(s.database)
            let ticket = try await s.ticket()
            var sla = try await s.tickets.get(ticket.id).sla
            #expect(sla.policyID == policy.id && !sla.paused && sla.breaches.isEmpty)
            #expect(sla.firstResponseDueAt == Self.after(60) && sla.resolutionDueAt == Self.after(480))
            #expect(sla.nextReplyDueAt == nil)
            let id = ticket.id.uuidString
            #expect(
                try await s.pendingKeys() == [
                    "sla:\(id):first_response:breach", "sla:\(id):first_response:warning",
                    "sla:\(id):resolution:breach",
                    "sla:\(id):resolution:warning",
                ])
            _ = try await s.tickets.reply(to: ticket.id, body: "备注", visibility: .internal, by: s.at(5))
            #expect(try await s.tickets.get(ticket.id).sla.firstResponseDueAt == Self.after(60))
            _ = try await s.tickets.reply(to: ticket.id, body: "您好", visibility: .public, by: s.at(10))
            sla = try await s.tickets.get(ticket.id).sla
            #expect(sla.firstResponseDueAt == nil && sla.resolutionDueAt == Self.after(480))
            #expect(try await s.pendingKeys() == ["sla:\(id):resolution:breach", "sla:\(id):resolution:warning"])
            _ = try await s.tickets.customerReply(to: ticket.id, body: "还是不行", by: s.at(20))
            _ = try await s.tickets.customerReply(to: ticket.id, body: "在吗", by: s.at(25))
            #expect(try await s.tickets.get(ticket.id).sla.nextReplyDueAt == Self.after(50))
            #expect(try await s.pendingKeys().contains("sla:\(id):next_reply:warning"))
            _ = try await s.tickets.reply(to: ticket.id, body: "马上处理", visibility: .public, by: s.at(30))
            #expect(try await s.tickets.get(ticket.id).sla.nextReplyDueAt == nil)
            _ = try await s.tickets.update(ticket.id, with: TicketChange(status: .resolved), by: s.at(40))
            sla = try await s.tickets.get(ticket.id).sla
            #expect(sla.resolutionDueAt == nil && sla.policyID == policy.id)
            #expect(try await s.pendingKeys().isEmpty)
        }
    }

    @Test(arguments: Engine.available)
    func pausesStopTheClocksAreRecordedAndShowAsIfTheyEndedNow(engine: Engine) async throws {
        try await Self.with(engine) { s in
            _ = try await Self.policy(s.database)
            let ticket = try await s.ticket()
            _ = try await s.tickets.update(ticket.id, with: TicketChange(status: .pendingCustomer), by: s.at(10))
            #expect(try await s.pendingKeys().isEmpty)
            s.clock.now = Self.after(70)
            var sla = try await s.tickets.get(ticket.id).sla
            #expect(sla.paused && sla.firstResponseDueAt == Self.after(120))
            let waiting = try await s.tickets.list(
                {
                    var query = TicketQuery()
                    query.customerID = s.customer.id
                    return query
                }())
            #expect(try await s.tickets.slaStatuses(of: waiting.items, now: Self.after(70))[ticket.id] == sla)
            _ = try await s.tickets.update(ticket.id, with: TicketChange(status: .open), by: s.at(70))
            sla = try await s.tickets.get(ticket.id).sla
            #expect(!sla.paused && sla.firstResponseDueAt == Self.after(120))
            #expect(sla.resolutionDueAt == Self.after(540))
            struct Pause: Decodable, Equatable {
                var status: String
                var started_at: Date
                var ended_at: Date?
            }
            let pauses = try await s.database.db.sql.select().columns("status", "started_at", "ended_at")
                .from("ticket_sla_pauses").where("ticket_id", .equal, ticket.id).all(decoding: Pause.self)
            #expect(pauses == [Pause(status: "pending_customer", started_at: Self.after(10), ended_at: Self.after(70))])
            #expect(try await s.pendingKeys().count == 4)
        }
    }

    @Test(arguments: Engine.available)
    func aBreachIsRecordedOnceOnTheTicketAndTimelineNotifiesAndRaisesThePriority(engine: Engine) async throws {
        try await Self.with(engine) { s in
            _ = try await Self.policy(s.database, raise: true)
            let ticket = try await s.ticket()
            s.clock.now = Self.after(50)
            try await s.drain()
            let notifications = NotificationRepository(s.database)
            #expect(try await notifications.list(for: s.agent.id).items.map(\.kind) == ["sla.warning"])
            #expect(try await notifications.list(for: s.manager.id).items.map(\.kind) == ["sla.warning"])
            s.clock.now = Self.after(61)
            try await s.drain()
            try await s.drain()
            let record = try await s.tickets.get(ticket.id)
            #expect(
                record.sla.breaches == [
                    SLABreach(metric: .firstResponse, dueAt: Self.after(60), breachedAt: Self.after(61))
                ])
            #expect(record.ticket.priority == .high)
            #expect(record.sla.firstResponseDueAt == Self.after(60))
            #expect(
                try await notifications.list(for: s.manager.id).items.map(\.kind) == ["sla.breached", "sla.warning"])
            let events = try await Timeline.list(in: s.database, customerID: s.customer.id, limit: 20, cursor: nil)
                .items
            let breached = events.filter { $0.kind == TicketEventKind.slaBreached }
            #expect(breached.count == 1 && breached.first?.data["metric"] == "first_response")
            #expect(breached.first?.data["priority"] == "high")
            // The breached clock fires no more, even when a change moves its due time.
            _ = try await s.tickets.update(ticket.id, with: TicketChange(priority: .urgent), by: s.at(62))
            s.clock.now = Self.after(200)
            try await s.drain()
            #expect(try await s.tickets.get(ticket.id).sla.breaches.count == 1)
        }
    }

    @Test(arguments: Engine.available)
    func aHolidayOnTheCalendarMovesTheDueTimesOfOpenTickets(engine: Engine) async throws {
        try await Self.with(engine) { s in
            _ = try await Self.policy(s.database, first: 120)
            let ticket = try await s.ticket()
            let done = try await s.ticket()
            _ = try await s.tickets.update(done.id, with: TicketChange(status: .resolved), by: s.at(1))
            let monday = CalendarDay(Self.start, in: .gmt).description
            let calendar = Self.always.replacingOccurrences(
                of: #""holidays": []"#, with: #""holidays": ["\#(monday)"]"#)
            _ = try await CalendarRepository(s.database).putDefault(
                try JSONDecoder().decode(BusinessCalendar.self, from: Data(calendar.utf8)), by: tester)
            #expect(try await s.tickets.get(ticket.id).sla.firstResponseDueAt == Self.after(120))
            try await s.drain()
            // Monday is a holiday now: the two hours are Tuesday's first.
            #expect(try await s.tickets.get(ticket.id).sla.firstResponseDueAt == Self.after(60 * 14 + 120))
            #expect(try await s.tickets.get(done.id).sla.firstResponseDueAt == nil)
        }
    }

    @Test(arguments: Engine.available)
    func aTierChangeAppliesTheTiersPolicyAndBreachingSoonListsWhatIsDueWithinTheHour(engine: Engine) async throws {
        try await Self.with(engine) { s in
            _ = try await Self.policy(s.database, first: 240)
            let vip = try await Self.policy(s.database, tiers: ["VIP"], first: 30)
            let ticket = try await s.ticket()
            let later = try await s.ticket(at: 1, received: 1)
            #expect(try await s.tickets.get(ticket.id).sla.firstResponseDueAt == Self.after(240))
            var profile = s.customer.profile
            profile.tier = "VIP"
            _ = try await CustomerRepository(s.database).update(s.customer.id, to: profile, by: s.at(2))
            let sla = try await s.tickets.get(ticket.id).sla
            #expect(sla.policyID == vip.id && sla.firstResponseDueAt == Self.after(30))
            _ = try await s.tickets.update(later.id, with: TicketChange(status: .onHold), by: s.at(3))
            var query = TicketQuery()
            query.view = .breachingSoon
            s.clock.now = Self.after(-40)
            #expect(try await s.tickets.list(query).items.isEmpty)
            s.clock.now = Self.after(100)
            #expect(try await s.tickets.list(query).items.map(\.id) == [ticket.id])
        }
    }
}
