import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// A customer's reply through the status link, on both databases: the reopen window, follow-up tickets linked to
/// the old one, and status links.
@Suite("TicketRepository, customer replies")
struct TicketRepositoryCustomerReplyTests {
    static let week: TimeInterval = 7 * 86_400

    static func at(_ seconds: TimeInterval, _ user: User? = nil) -> Attribution {
        Attribution(
            userID: user?.id, email: user?.email, requestID: "test", now: tester.now.addingTimeInterval(seconds))
    }

    /// A public ticket, owned by a new agent through the first reply, then moved to `status` at time 0.
    static func ticket(
        _ database: KefuDatabase, status: TicketStatus
    ) async throws -> (TicketRepository.Submission, agent: User) {
        let agent = try await TicketRepositoryTests.staff(database, "agent", .agent)
        let tickets = TicketRepository(database)
        let submitted = try await tickets.submit(
            try TicketRepositoryPublicTests.request(), from: "a", by: at(-60))
        let id = submitted.ticket.id
        _ = try await tickets.reply(to: id, body: "已处理", visibility: .public, by: at(-30, agent))
        _ = try await tickets.reply(to: id, body: "内部备注", visibility: .internal, by: at(-20, agent))
        _ = try await tickets.update(id, with: TicketChange(status: status), by: at(0, agent))
        return (submitted, agent)
    }

    @Test(arguments: Engine.available)
    func aReplyWithinTheWindowReopensTheResolvedTicket(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let (submitted, _) = try await Self.ticket(database, status: .resolved)
            let tickets = TicketRepository(database)
            let reply = try await tickets.customerReply(
                to: submitted.ticket.id, body: " 又坏了 ", by: Self.at(Self.week))
            #expect(reply.followUpToken == nil && reply.ticket.id == submitted.ticket.id)
            let after = try await tickets.get(submitted.ticket.id).ticket
            #expect(after.status == .open && after.resolvedAt == nil)
            let messages = try await tickets.messages(of: after.id, includeInternal: false)
            #expect(messages.map(\.body) == ["请开发票", "已处理", "又坏了"])
            #expect(messages.last?.author == .customer(after.customerID))
            let events = try await Timeline.list(in: database, customerID: after.customerID, limit: 20, cursor: nil)
                .items
            #expect(
                events.contains {
                    $0.kind == TicketEventKind.statusChanged && $0.data["from"] == "resolved" && $0.data["to"] == "open"
                })
            #expect(events.filter { $0.kind == TicketEventKind.replied }.count == 2)
        }
    }

    @Test(arguments: Engine.available)
    func aReplyAfterTheWindowOpensALinkedFollowUpWithItsOwnLink(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let (submitted, agent) = try await Self.ticket(database, status: .resolved)
            let old = submitted.ticket
            let tickets = TicketRepository(database)
            let reply = try await tickets.customerReply(
                to: old.id, body: "还是不行", by: Self.at(Self.week + 1))
            let followUp = reply.ticket
            #expect(followUp.id != old.id && followUp.number.description == "T-000002")
            #expect(followUp.customerID == old.customerID && followUp.subject == old.subject)
            #expect(followUp.status == .new && followUp.channel == .web && followUp.ownerID == agent.id)
            #expect(try await tickets.get(old.id).ticket.status == .resolved)
            #expect(try await tickets.messages(of: old.id, includeInternal: true).count == 3)
            #expect(try await tickets.messages(of: followUp.id, includeInternal: true).map(\.body) == ["还是不行"])
            struct Link: Decodable, Equatable {
                var ticket_id: UUID
                var other_id: UUID
                var kind: String
            }
            let links = try await database.db.sql.select().columns("ticket_id", "other_id", "kind")
                .from("ticket_links").all(decoding: Link.self)
            #expect(links == [Link(ticket_id: followUp.id, other_id: old.id, kind: "related")])
            let token = try #require(reply.followUpToken)
            let opened = try await SignedLinkRepository(database).resolve(token, for: .ticketStatus, now: tester.now)
            #expect(opened.subjectID == followUp.id)
            let kinds = try await Timeline.list(in: database, customerID: old.customerID, limit: 20, cursor: nil).items
                .filter { $0.data["ticket_id"] == followUp.id.uuidString }.map(\.kind)
            #expect(Set(kinds) == [TicketEventKind.created, TicketEventKind.replied])
        }
    }

    @Test(arguments: Engine.available)
    func aReplyOnAClosedTicketAlwaysOpensAFollowUp(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let (submitted, _) = try await Self.ticket(database, status: .closed)
            let reply = try await TicketRepository(database).customerReply(
                to: submitted.ticket.id, body: "谢谢", by: Self.at(60))
            #expect(reply.ticket.id != submitted.ticket.id && reply.followUpToken != nil)
            #expect(try await TicketRepository(database).get(submitted.ticket.id).ticket.status == .closed)
        }
    }

    @Test(arguments: Engine.available)
    func aReplyEndsTheWaitOnTheCustomerAndABlankOneIsRefused(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let (submitted, _) = try await Self.ticket(database, status: .pendingCustomer)
            let tickets = TicketRepository(database)
            await #expect(throws: DomainError.self) {
                try await tickets.customerReply(
                    to: submitted.ticket.id, body: "  ", by: Self.at(60))
            }
            let reply = try await tickets.customerReply(
                to: submitted.ticket.id, body: "照片已发", by: Self.at(60))
            #expect(reply.ticket.status == .open)
            #expect(try await tickets.get(submitted.ticket.id).ticket.status == .open)
            #expect(try await tickets.messages(of: submitted.ticket.id, includeInternal: true).count == 4)
        }
    }

    @Test(arguments: Engine.available)
    func reissuingTheStatusLinkRevokesTheOldOne(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let (submitted, agent) = try await Self.ticket(database, status: .open)
            let tickets = TicketRepository(database)
            let links = SignedLinkRepository(database)
            let fresh = try await tickets.reissueStatusLink(for: submitted.ticket.id, by: Self.at(60, agent))
            await #expect(throws: SignedLinkFailure.notFound) {
                try await links.resolve(submitted.statusToken, for: .ticketStatus, now: tester.now)
            }
            #expect(
                try await links.resolve(fresh, for: .ticketStatus, now: tester.now).subjectID
                    == submitted.ticket.id)
            await #expect(throws: DomainError.self) {
                try await tickets.reissueStatusLink(for: UUID(), by: Self.at(60, agent))
            }
        }
    }
}

extension TicketRepositoryCustomerReplyTests {
    @Test(arguments: Engine.available)
    func theAssigneeAndOwnerHearThatTheCustomerAnswered(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let (submitted, agent) = try await Self.ticket(database, status: .pendingCustomer)
            let notifications = NotificationRepository(database)
            let before = try await notifications.unreadCount(for: agent.id)
            _ = try await TicketRepository(database).customerReply(
                to: submitted.ticket.id, body: "好的", by: Self.at(60))
            #expect(try await notifications.unreadCount(for: agent.id) == before + 1)
            let latest = try #require(
                try await notifications.list(for: agent.id, unreadOnly: true, limit: 1, cursor: nil).items.first)
            #expect(latest.kind == NotificationKind.ticketCustomerReplied && latest.params["number"] == "T-000001")
            #expect(latest.subject.link == "/tickets/\(submitted.ticket.id.uuidString)")
        }
    }
}
