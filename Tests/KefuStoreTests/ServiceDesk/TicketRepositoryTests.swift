import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// Tickets in the store, on both databases: numbering, first-contact ownership, the conversation and
/// the customer's timeline.
@Suite("TicketRepository")
struct TicketRepositoryTests {
    static func draft(_ customer: UUID, _ subject: String = "空调不制冷", team: UUID? = nil, owner: UUID? = nil)
        -> TicketDraft
    {
        TicketDraft(
            customerID: customer, type: .complaint, channel: .phone, subject: subject, description: "客户来电",
            teamID: team, tags: ["维修", "维修 "], ownerID: owner)
    }

    static func staff(_ database: KefuDatabase, _ name: String, _ role: Role) async throws -> User {
        try await UserRepository(database).create(
            email: "\(name)@example.test", name: name, role: role, passwordHash: "x", by: tester)
    }

    static func attribution(_ user: User) -> Attribution {
        Attribution(userID: user.id, email: user.email, requestID: "test", now: tester.now)
    }

    @Test(arguments: Engine.available)
    func anAgentOwnsWhatTheyLogAndNumbersCountUp(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester)
            let agent = try await Self.staff(database, "agent", .agent)
            let tickets = TicketRepository(database)
            let first = try await tickets.create(
                Self.draft(customer.id), creator: .staff(id: agent.id, role: .agent), by: Self.attribution(agent))
            let second = try await tickets.create(
                Self.draft(customer.id, "又坏了"), creator: .staff(id: agent.id, role: .agent),
                by: Self.attribution(agent))
            #expect(first.ticket.number.description == "T-000001")
            #expect(second.ticket.number.description == "T-000002")
            #expect(first.ticket.status == .new)
            #expect(first.ticket.ownerID == agent.id && first.ticket.assigneeID == agent.id)
            #expect(first.ticket.tags == ["维修"])
            #expect(try await tickets.get(first.ticket.id) == first)
            let kinds = try await Timeline.list(in: database, customerID: customer.id, limit: 10, cursor: nil).items
            #expect(kinds.filter { $0.kind == TicketEventKind.created }.count == 2)
            #expect(kinds.first { $0.kind == TicketEventKind.created }?.data["number"] == "T-000002")
        }
    }

    @Test(arguments: Engine.available)
    func badInputWritesNothingAndUsesNoNumber(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester)
            let agent = try await Self.staff(database, "agent", .agent)
            let tickets = TicketRepository(database)
            let creator = TicketCreator.staff(id: agent.id, role: .agent)
            await #expect(throws: DomainError.self) {
                try await tickets.create(Self.draft(UUID()), creator: creator, by: tester)
            }
            var empty = Self.draft(customer.id, " ")
            empty.receivedAt = tester.now.addingTimeInterval(86_400)
            do {
                _ = try await tickets.create(empty, creator: creator, by: tester)
                Issue.record("an empty subject was accepted")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["subject", "received_at"])
            }
            await #expect(throws: ServiceDeskError.forbidden(.setOwner)) {
                try await tickets.create(Self.draft(customer.id, owner: agent.id), creator: creator, by: tester)
            }
            let made = try await tickets.create(Self.draft(customer.id), creator: creator, by: tester)
            #expect(made.ticket.number.description == "T-000001")
        }
    }

    @Test(arguments: Engine.available)
    func stickyOwnerThenRoundRobinOverTheTeam(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customers = CustomerRepository(database)
            let regular = try await customers.create(profile("老客户"), by: tester)
            let manager = try await Self.staff(database, "manager", .manager)
            let agents = [try await Self.staff(database, "a", .agent), try await Self.staff(database, "b", .agent)]
                .sorted { $0.id.uuidString < $1.id.uuidString }
            let team = try await TeamRepository(database).create(
                name: "售后", members: agents.map(\.id) + [manager.id], by: tester)
            let tickets = TicketRepository(database)
            let named = try await tickets.create(
                Self.draft(regular.id, owner: agents[1].id), creator: .staff(id: manager.id, role: .manager),
                by: Self.attribution(manager))
            #expect(named.ticket.ownerID == agents[1].id)
            let sticky = try await tickets.create(Self.draft(regular.id, team: team), creator: .nonStaff, by: tester)
            #expect(sticky.ticket.ownerID == agents[1].id)
            var owners: [UUID?] = []
            for index in 0..<3 {
                let newcomer = try await customers.create(profile("新客户\(index)"), by: tester)
                owners.append(
                    try await tickets.create(Self.draft(newcomer.id, team: team), creator: .nonStaff, by: tester)
                        .ticket.ownerID)
            }
            // Round-robin goes by user id and skips the manager, who is not an agent.
            let uuidOrder = agents.map(\.id)
            #expect(owners == [uuidOrder[0], uuidOrder[1], uuidOrder[0]])
            let loose = try await customers.create(profile("无团队"), by: tester)
            #expect(
                try await tickets.create(Self.draft(loose.id), creator: .nonStaff, by: tester).ticket.ownerID == nil)
        }
    }

    @Test(arguments: Engine.available)
    func theFirstPublicReplyOpensTheTicketAndOwnsIt(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester)
            let agent = try await Self.staff(database, "agent", .agent)
            let colleague = try await Self.staff(database, "colleague", .agent)
            let tickets = TicketRepository(database)
            let made = try await tickets.create(Self.draft(customer.id), creator: .nonStaff, by: tester)
            _ = try await tickets.reply(
                to: made.ticket.id, body: "内部：先查保修", visibility: .internal, by: Self.attribution(colleague))
            #expect(try await tickets.get(made.ticket.id).ticket.status == .new)
            _ = try await tickets.reply(
                to: made.ticket.id, body: " 您好，师傅明天上门。 ", visibility: .public, by: Self.attribution(agent))
            let after = try await tickets.get(made.ticket.id).ticket
            #expect(after.status == .open)
            #expect(after.ownerID == agent.id && after.assigneeID == agent.id)
            let everything = try await tickets.messages(of: made.ticket.id, includeInternal: true)
            #expect(everything.map(\.body) == ["内部：先查保修", "您好，师傅明天上门。"])
            #expect(
                try await tickets.messages(of: made.ticket.id, includeInternal: false).map(\.body) == ["您好，师傅明天上门。"])
            await #expect(throws: DomainError.self) {
                try await tickets.reply(
                    to: made.ticket.id, body: "  ", visibility: .public, by: Self.attribution(agent))
            }
            let kinds = try await Timeline.list(in: database, customerID: customer.id, limit: 10, cursor: nil).items
                .map(\.kind)
            #expect(kinds.contains(TicketEventKind.replied) && kinds.contains(TicketEventKind.statusChanged))
        }
    }

    @Test(arguments: Engine.available)
    func listsPageThroughEveryTicketOnceInEitherOrder(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester)
            let tickets = TicketRepository(database)
            var made: [UUID] = []
            for index in 0..<5 {
                let at = Attribution(userID: nil, email: nil, requestID: nil, now: tester.now + Double(index % 2))
                made.append(
                    try await tickets.create(Self.draft(customer.id, "问题\(index)"), creator: .nonStaff, by: at)
                        .ticket.id)
            }
            for sort in TicketQuery.Sort.allCases {
                var query = TicketQuery()
                query.sort = sort
                query.limit = 2
                var seen: [UUID] = []
                repeat {
                    let page = try await tickets.list(query)
                    seen += page.items.map(\.id)
                    query.cursor = page.nextCursor
                } while query.cursor != nil
                #expect(Set(seen) == Set(made) && seen.count == made.count, "\(sort)")
            }
            var search = TicketQuery()
            search.text = "问题3"
            #expect(try await tickets.list(search).items.map(\.id) == [made[3]])
            search.text = "100%"
            #expect(try await tickets.list(search).items.isEmpty)
        }
    }
}
