import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// Merge, split and links in the store, on both databases: no message is ever lost or duplicated.
@Suite("TicketRepository: merge, split, links")
struct TicketMergeSplitTests {
    /// `minutes` after the tester's time, as `user`.
    static func at(_ minutes: Double, _ user: User) -> Attribution {
        Attribution(userID: user.id, email: user.email, requestID: "test", now: tester.now + minutes * 60)
    }

    static func messageCount(_ database: KefuDatabase) async throws -> Int {
        struct Row: Decodable { var n: Int }
        return try await database.db.sql.raw("SELECT COUNT(*) AS n FROM ticket_messages").first(decoding: Row.self)?.n
            ?? 0
    }

    struct Fixture {
        var tickets: TicketRepository
        var agent: User
        var customer: UUID
        var first: UUID
        var second: UUID
    }

    /// Two tickets of one customer with interleaved conversations: 2 messages on the first, 3 on the second.
    static func fixture(_ database: KefuDatabase) async throws -> Fixture {
        let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester)
        let agent = try await TicketRepositoryTests.staff(database, "agent", .agent)
        let tickets = TicketRepository(database)
        let creator = TicketCreator.staff(id: agent.id, role: .agent)
        var first = TicketRepositoryTests.draft(customer.id, "空调不制冷")
        first.tags = ["维修", "VIP"]
        var second = TicketRepositoryTests.draft(customer.id, "空调还是坏的")
        second.tags = ["vip", "投诉"]
        // Inquiries: closing one needs no complaint steps.
        (first.type, second.type) = (.inquiry, .inquiry)
        let one = try await tickets.create(first, creator: creator, by: at(0, agent)).ticket.id
        let two = try await tickets.create(second, creator: creator, by: at(1, agent)).ticket.id
        for (minute, ticket, body) in [
            (2.0, one, "一1"), (3, two, "二1"), (4, one, "一2"), (5, two, "二2"), (6, two, "二3"),
        ] {
            _ = try await tickets.reply(to: ticket, body: body, visibility: .public, by: at(minute, agent))
        }
        return Fixture(tickets: tickets, agent: agent, customer: customer.id, first: one, second: two)
    }

    @Test(arguments: Engine.available)
    func mergeMovesEveryMessageToTheSurvivorInTimeOrder(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let f = try await Self.fixture(database)
            let before = try await Self.messageCount(database)
            let survivor = try await f.tickets.merge(f.first, into: f.second, by: Self.at(10, f.agent))
            #expect(try await Self.messageCount(database) == before)
            #expect(
                try await f.tickets.messages(of: f.second, includeInternal: true).map(\.body)
                    == ["一1", "二1", "一2", "二2", "二3"])
            #expect(try await f.tickets.messages(of: f.first, includeInternal: true).isEmpty)
            #expect(survivor.ticket.tags == ["vip", "投诉", "维修"])
            #expect(survivor.links.map(\.ticketID) == [f.first] && survivor.links.first?.direction == .incoming)
            let merged = try await f.tickets.get(f.first)
            #expect(merged.ticket.status == .closed && merged.ticket.mergedInto == f.second)
            #expect(merged.links.first?.kind == .duplicateOf && merged.links.first?.direction == .outgoing)
            await #expect(throws: ServiceDeskError.ticketClosed) {
                try await f.tickets.reply(to: f.first, body: "还在吗", visibility: .public, by: Self.at(11, f.agent))
            }
            var search = TicketQuery()
            for text in [merged.ticket.number.description, "一2"] {
                search.text = text
                #expect(try await f.tickets.list(search).items.map(\.id) == [f.second], "\(text)")
            }
            search.text = nil
            search.tag = "维修"
            #expect(try await f.tickets.list(search).items.map(\.id) == [f.second])
            let events = try await Timeline.list(in: database, customerID: f.customer, limit: 50, cursor: nil).items
            #expect(events.filter { $0.kind == TicketEventKind.merged }.count == 1)
        }
    }

    @Test(arguments: Engine.available)
    func mergeRefusalsWriteNothing(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let f = try await Self.fixture(database)
            let by = Self.at(10, f.agent)
            await #expect(throws: ServiceDeskError.mergeIntoItself) {
                try await f.tickets.merge(f.first, into: f.first, by: by)
            }
            do {
                _ = try await f.tickets.merge(f.first, into: UUID(), by: by)
                Issue.record("an unknown survivor was accepted")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["into"])
            }
            let other = try await CustomerRepository(database).create(profile("李四"), by: tester)
            let stranger = try await f.tickets.create(
                TicketRepositoryTests.draft(other.id), creator: .staff(id: f.agent.id, role: .agent), by: by)
            await #expect(throws: ServiceDeskError.differentCustomers) {
                try await f.tickets.merge(f.first, into: stranger.ticket.id, by: by)
            }
            #expect(try await f.tickets.get(f.first).ticket.status == .open)
            #expect(try await f.tickets.messages(of: f.first, includeInternal: true).count == 2)
            _ = try await f.tickets.merge(f.first, into: f.second, by: by)
            await #expect(throws: ServiceDeskError.ticketClosed) {
                try await f.tickets.merge(f.first, into: f.second, by: by)
            }
            let third = try await f.tickets.create(
                TicketRepositoryTests.draft(f.customer), creator: .staff(id: f.agent.id, role: .agent), by: by)
            await #expect(throws: ServiceDeskError.mergeTargetClosed) {
                try await f.tickets.merge(third.ticket.id, into: f.first, by: by)
            }
        }
    }

    @Test(arguments: Engine.available)
    func ticketsOfAMergedCustomerMergeWithTheSurvivorsAndEarlierMergesFollow(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let f = try await Self.fixture(database)
            let customers = CustomerRepository(database)
            let duplicate = try await customers.create(profile("王小明（重复）"), by: tester)
            let creator = TicketCreator.staff(id: f.agent.id, role: .agent)
            let old = try await f.tickets.create(
                TicketRepositoryTests.draft(duplicate.id), creator: creator, by: Self.at(7, f.agent))
            _ = try await customers.merge(duplicateID: duplicate.id, into: f.customer, by: tester)
            _ = try await f.tickets.merge(old.ticket.id, into: f.first, by: Self.at(8, f.agent))
            _ = try await f.tickets.merge(f.first, into: f.second, by: Self.at(9, f.agent))
            #expect(try await f.tickets.get(old.ticket.id).ticket.mergedInto == f.second)
            #expect(try await f.tickets.messages(of: f.second, includeInternal: true).count == 5)
        }
    }

    @Test(arguments: Engine.available)
    func splitMovesOneMessageToANewLinkedTicket(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let f = try await Self.fixture(database)
            let manager = try await TicketRepositoryTests.staff(database, "manager", .manager)
            let before = try await Self.messageCount(database)
            let messages = try await f.tickets.messages(of: f.second, includeInternal: true)
            let moved = try #require(messages.first { $0.body == "二2" })
            let split = try await f.tickets.split(
                f.second, messageID: moved.id, subject: " 另一台空调 ", creator: .staff(id: manager.id, role: .manager),
                by: Self.at(10, manager))
            #expect(try await Self.messageCount(database) == before)
            #expect(try await f.tickets.messages(of: split.ticket.id, includeInternal: true).map(\.id) == [moved.id])
            #expect(
                try await f.tickets.messages(of: f.second, includeInternal: true).map(\.body) == ["二1", "二3"])
            let original = try await f.tickets.get(f.second).ticket
            #expect(split.ticket.subject == "另一台空调" && split.ticket.description == "二2")
            #expect(split.ticket.customerID == f.customer && split.ticket.status == .new)
            #expect(split.ticket.type == original.type && split.ticket.channel == original.channel)
            #expect(split.ticket.priority == original.priority && split.ticket.receivedAt == moved.createdAt)
            // Sticky ownership: a manager splitting leaves the ticket with the customer's agent.
            #expect(split.ticket.ownerID == f.agent.id)
            #expect(split.links.map(\.ticketID) == [f.second] && split.links.first?.kind == .related)
            #expect(try await f.tickets.links(of: f.second).map(\.direction) == [.incoming])
            let again = try await f.tickets.split(
                f.first,
                messageID: try #require(
                    try await f.tickets.messages(of: f.first, includeInternal: true).first?.id),
                subject: nil, creator: .staff(id: f.agent.id, role: .agent), by: Self.at(11, f.agent))
            #expect(again.ticket.subject == "空调不制冷" && again.ticket.ownerID == f.agent.id)
        }
    }

    @Test(arguments: Engine.available)
    func splitRefusalsWriteNothing(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let f = try await Self.fixture(database)
            let creator = TicketCreator.staff(id: f.agent.id, role: .agent)
            let foreign = try #require(try await f.tickets.messages(of: f.first, includeInternal: true).first)
            let cases: [(ticket: UUID, message: UUID, subject: String?, field: String)] = [
                (f.second, foreign.id, nil, "message_id"), (f.first, UUID(), nil, "message_id"),
                (f.first, foreign.id, " ", "subject"),
            ]
            for (ticket, message, subject, field) in cases {
                do {
                    _ = try await f.tickets.split(
                        ticket, messageID: message, subject: subject, creator: creator, by: Self.at(10, f.agent))
                    Issue.record("split accepted a bad \(field)")
                } catch DomainError.invalid(let errors) {
                    #expect(errors.map(\.field) == [field])
                }
            }
            #expect(try await f.tickets.messages(of: f.first, includeInternal: true).count == 2)
            var query = TicketQuery()
            query.limit = 10
            #expect(try await f.tickets.list(query).items.count == 2)
            _ = try await f.tickets.update(
                f.first, with: TicketChange(status: .closed), by: Self.at(11, f.agent))
            await #expect(throws: ServiceDeskError.ticketClosed) {
                try await f.tickets.split(
                    f.first, messageID: foreign.id, subject: nil, creator: creator, by: Self.at(12, f.agent))
            }
        }
    }

    @Test(arguments: Engine.available)
    func linksAreListedFromBothEndsAndAPairHasOne(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let f = try await Self.fixture(database)
            let by = Self.at(10, f.agent)
            let link = try await f.tickets.link(f.second, to: f.first, kind: .duplicateOf, by: by)
            #expect(link.ticketID == f.first && link.direction == .outgoing && link.kind == .duplicateOf)
            #expect(try await f.tickets.links(of: f.first).map(\.direction) == [.incoming])
            await #expect(throws: ServiceDeskError.alreadyLinked) {
                try await f.tickets.link(f.first, to: f.second, kind: .related, by: by)
            }
            do {
                _ = try await f.tickets.link(f.first, to: UUID(), kind: .related, by: by)
                Issue.record("an unknown ticket was linked")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["ticket_id"])
            }
            await #expect(throws: ServiceDeskError.self) {
                try await f.tickets.link(f.first, to: f.first, kind: .related, by: by)
            }
            try await f.tickets.unlink(f.first, from: f.second, by: by)
            #expect(try await f.tickets.links(of: f.second).isEmpty)
            await #expect(throws: DomainError.self) { try await f.tickets.unlink(f.first, from: f.second, by: by) }
            _ = try await f.tickets.update(f.first, with: TicketChange(status: .closed), by: by)
            _ = try await f.tickets.link(f.second, to: f.first, kind: .related, by: by)
            await #expect(throws: ServiceDeskError.ticketClosed) {
                try await f.tickets.unlink(f.second, from: f.first, by: by)
            }
            await #expect(throws: ServiceDeskError.ticketClosed) {
                try await f.tickets.link(f.first, to: f.second, kind: .related, by: by)
            }
        }
    }
}
