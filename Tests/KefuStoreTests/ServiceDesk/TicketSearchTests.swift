import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// Ticket search through `SearchIndex.tickets`, on both databases: every kind of term finds what
/// it should, pages walk every match once, and the index follows replies, merges, renames and the
/// migration's backfill.
@Suite("Ticket search")
struct TicketSearchTests {
    struct Desk {
        let database: KefuDatabase
        let tickets: TicketRepository
        let customer: Customer
        let agent: User

        /// The subjects of the tickets `query` finds, every page of `limit` read in turn.
        func subjects(_ text: String, limit: Int = 50, configure: (inout TicketQuery) -> Void = { _ in })
            async throws -> [String]
        {
            var query = TicketQuery()
            query.text = text
            query.limit = limit
            configure(&query)
            var found: [String] = []
            repeat {
                let page = try await tickets.list(query)
                found += page.items.map(\.subject)
                query.cursor = page.nextCursor
            } while query.cursor != nil
            return found
        }

        @discardableResult
        func ticket(_ subject: String, _ description: String = "客户来电", customer: UUID? = nil, offset: Double = 0)
            async throws -> Ticket
        {
            var at = TicketRepositoryTests.attribution(agent)
            at.now = at.now.addingTimeInterval(offset)
            var draft = TicketRepositoryTests.draft(customer ?? self.customer.id, subject)
            draft.description = description
            return try await tickets.create(draft, creator: .staff(id: agent.id, role: .agent), by: at).ticket
        }
    }

    static func desk(_ database: KefuDatabase) async throws -> Desk {
        Desk(
            database: database, tickets: TicketRepository(database),
            customer: try await CustomerRepository(database).create(profile("覃海峰"), by: tester),
            agent: try await TicketRepositoryTests.staff(database, "agent", .agent))
    }

    @Test(arguments: Engine.available)
    func everyKindOfTermFindsItsTickets(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let desk = try await Self.desk(database)
            let other = try await CustomerRepository(database).create(profile("Li Lei"), by: tester)
            try await desk.ticket("空调不制冷", "三楼会议室")
            let second = try await desk.ticket("Invoice missing", "Order 100% paid", customer: other.id, offset: 1)
            _ = try await desk.tickets.reply(
                to: second.id, body: "已补开发票 FAPIAO-77", visibility: .internal,
                by: TicketRepositoryTests.attribution(desk.agent))
            #expect(try await desk.subjects("覃") == ["空调不制冷"])  // the customer's name, one character
            #expect(try await desk.subjects("海峰") == ["空调不制冷"])
            #expect(try await desk.subjects("会议") == ["空调不制冷"])  // the description, two characters
            #expect(try await desk.subjects("li lei") == ["Invoice missing"])
            #expect(try await desk.subjects("发票") == ["Invoice missing"])  // an internal note
            #expect(try await desk.subjects("fapiao-7") == ["Invoice missing"])
            #expect(try await desk.subjects("t-000002") == ["Invoice missing"])
            #expect(try await desk.subjects("100%") == ["Invoice missing"])
            #expect(try await desk.subjects("10%") == [])
            #expect(try await desk.subjects("in") == ["Invoice missing"])  // too short for any index: scanned
            #expect(try await desk.subjects("冷气") == [])
        }
    }

    @Test(arguments: Engine.available)
    func pagesWalkEveryMatchOnceNewestOrOldestFirst(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let desk = try await Self.desk(database)
            for index in 0..<7 { try await desk.ticket("退款申请\(index)", offset: Double(index)) }
            try await desk.ticket("换货", offset: 10)
            let newest = (0..<7).reversed().map { "退款申请\($0)" }
            for term in ["退款", "退款申请", "款"] {
                #expect(try await desk.subjects(term, limit: 3) == newest, "\(term)")
                #expect(
                    try await desk.subjects(term, limit: 2) { $0.sort = .oldest } == newest.reversed(), "\(term)")
                #expect(Set(try await desk.subjects(term, limit: 2) { $0.sort = .recentlyUpdated }) == Set(newest))
            }
            // filters and views apply to the walk and to the narrow lists alike
            #expect(
                try await desk.subjects("退款", limit: 2) {
                    $0.view = .mine; $0.viewerID = desk.agent.id
                } == newest)
            #expect(try await desk.subjects("退款") { $0.view = .unassigned } == [])
            #expect(try await desk.subjects("退款申请") { $0.customerID = desk.customer.id }.count == 7)
            #expect(try await desk.subjects("退款申请") { $0.status = .resolved } == [])
        }
    }

    @Test(arguments: Engine.available)
    func repliesMergesAndRenamesKeepTheIndexInStep(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let desk = try await Self.desk(database)
            let first = try await desk.ticket("空调不制冷")
            let second = try await desk.ticket("遥控器丢失", offset: 1)
            let at = TicketRepositoryTests.attribution(desk.agent)
            _ = try await desk.tickets.reply(to: first.id, body: "明天上门维修", visibility: .public, by: at)
            #expect(try await desk.subjects("上门") == ["空调不制冷"])
            _ = try await desk.tickets.merge(second.id, into: first.id, by: at)
            #expect(try await desk.subjects("遥控") == ["空调不制冷"])
            #expect(try await desk.subjects("t-000002") == ["空调不制冷"])
            var renamed = desk.customer.profile
            renamed.name = "陆海峰"
            _ = try await CustomerRepository(database).update(desk.customer.id, to: renamed, by: tester)
            #expect(try await desk.subjects("覃") == [])
            #expect(try await desk.subjects("陆") == ["空调不制冷"])
            #expect(try await desk.subjects("陆海峰") == ["空调不制冷"])
            #expect(try await desk.subjects("上门") == ["空调不制冷"])
        }
    }

    /// A database from before 015 (reverted to it) gets its tickets indexed when migrated up.
    @Test(arguments: Engine.available)
    func existingTicketsAreIndexedByTheMigration(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let desk = try await Self.desk(database)
            for index in 0..<3 { try await desk.ticket("旧工单\(index)", offset: Double(index)) }
            let migration = CreateTicketSearchIndex(backfillPageSize: 2)
            // One connection for both (another SQLite connection may keep the schema it cached).
            let db = database.db
            try await migration.revert(on: db)
            try await migration.prepare(on: db)
            // The columns came back after later migrations' ones: a pooled connection opened before may keep
            // the old layout, so the rest reads through a new handle.
            let fresh = try KefuDatabase(location: database.location, poolSize: 2)
            do {
                try await Self.expectIndexed(
                    Desk(database: fresh, tickets: TicketRepository(fresh), customer: desk.customer, agent: desk.agent))
            } catch {
                await fresh.shutdown()
                throw error
            }
            await fresh.shutdown()
        }
    }

    /// The three old tickets found by their customer's name and subject after the migration, and a new one too.
    static func expectIndexed(_ desk: Desk) async throws {
        struct Row: Decodable {
            var search_text: String
            var customer_name: String
            var search_grams: String
        }
        let rows = try await desk.database.db.sql.select().columns("search_text", "customer_name", "search_grams")
            .from("tickets").all(decoding: Row.self)
        #expect(rows.count == 3)
        for row in rows {
            #expect(row.customer_name == "覃海峰")
            #expect(row.search_grams == TicketSearch.grams(of: row.search_text, customerName: row.customer_name))
        }
        #expect(try await desk.subjects("覃") == ["旧工单2", "旧工单1", "旧工单0"])
        #expect(try await desk.subjects("旧工单1") == ["旧工单1"])
        try await desk.ticket("新工单", offset: 5)
        #expect(try await desk.subjects("工单", limit: 2) == ["新工单", "旧工单2", "旧工单1", "旧工单0"])
    }

    @Test
    func theOpenConditionNamesEveryStatusAnInboxShows() {
        let open = TicketStatus.allCases.filter { ![.resolved, .closed].contains($0) }
        #expect(TicketSearch.openCondition == "status IN (\(open.map { "'\($0.rawValue)'" }.joined(separator: ", ")))")
    }
}
