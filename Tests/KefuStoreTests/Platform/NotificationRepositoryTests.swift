import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// Notifications on both databases: who is told of transfers and remedies, and each user's list.
@Suite("NotificationRepository")
struct NotificationRepositoryTests {
    static func kinds(_ notifications: NotificationRepository, _ user: User) async throws -> [String] {
        try await notifications.list(for: user.id).items.map(\.kind)
    }

    @Test(arguments: Engine.available)
    func transfersTellTheOwnerAndTheNewAssigneeButNeverWhoMadeThem(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester)
            let owner = try await TicketRepositoryTests.staff(database, "owner", .agent)
            let colleague = try await TicketRepositoryTests.staff(database, "colleague", .agent)
            let manager = try await TicketRepositoryTests.staff(database, "manager", .manager)
            let tickets = TicketRepository(database)
            let notifications = NotificationRepository(database)
            var draft = TicketRepositoryTests.draft(customer.id, "<b>空调</b>")
            draft.priority = .urgent
            let ticket = try await tickets.create(
                draft, creator: .staff(id: owner.id, role: .agent), by: TicketRepositoryTests.attribution(owner)
            )
            .ticket
            _ = try await tickets.update(
                ticket.id, with: TicketChange(assigneeID: .some(colleague.id), transferReason: "出差"),
                by: TicketRepositoryTests.attribution(manager))
            #expect(try await Self.kinds(notifications, colleague) == [NotificationKind.ticketAssigned])
            #expect(try await Self.kinds(notifications, owner) == [NotificationKind.ticketTransferred])
            #expect(try await Self.kinds(notifications, manager).isEmpty)
            let told = try #require(try await notifications.list(for: owner.id).items.first)
            #expect(told.subject == .init(type: "ticket", id: ticket.id, link: "/tickets/\(ticket.id.uuidString)"))
            #expect(
                told.params == ["by": "manager", "number": "T-000001", "subject": "<b>空调</b>", "reason": "出差"])
            // The colleague going away leaves the urgent ticket unassigned: the owner hears of it.
            try await tickets.setAvailability(
                false, for: colleague.id, by: TicketRepositoryTests.attribution(colleague))
            let latest = try #require(try await notifications.list(for: owner.id).items.first)
            #expect(latest.kind == NotificationKind.ticketTransferred && latest.params["reason"] == "agent_away")
            #expect(try await Self.kinds(notifications, colleague).count == 1)
            // The owner taking it back tells nobody.
            _ = try await tickets.update(
                ticket.id, with: TicketChange(assigneeID: .some(owner.id), transferReason: "回来了"),
                by: TicketRepositoryTests.attribution(owner))
            #expect(try await notifications.unreadCount(for: owner.id) == 2)
        }
    }

    @Test(arguments: Engine.available)
    func remediesTellActiveApproversAndThenTheRequester(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester)
            let agent = try await TicketRepositoryTests.staff(database, "agent", .agent)
            let manager = try await TicketRepositoryTests.staff(database, "manager", .manager)
            let admin = try await TicketRepositoryTests.staff(database, "admin", .admin)
            let retired = try await TicketRepositoryTests.staff(database, "retired", .manager)
            _ = try await UserRepository(database).update(retired.id, .init(active: false), by: tester)
            let notifications = NotificationRepository(database)
            let remedies = RemedyRepository(database)
            let complaint = try await TicketRepository(database).create(
                TicketRepositoryTests.draft(customer.id), creator: .staff(id: agent.id, role: .agent),
                by: TicketRepositoryTests.attribution(agent)
            ).ticket
            _ = try await remedies.request(
                .A, note: nil, on: complaint.id, by: TicketRepositoryTests.attribution(agent))
            #expect(try await notifications.unreadCount(for: manager.id) == 0)
            let planB = try await remedies.request(
                .B, note: "换新", on: complaint.id, by: TicketRepositoryTests.attribution(agent))
            for approver in [manager, admin] {
                #expect(try await Self.kinds(notifications, approver) == [NotificationKind.remedyRequested])
            }
            #expect(try await Self.kinds(notifications, retired).isEmpty)
            let request = try #require(try await notifications.list(for: manager.id).items.first)
            #expect(request.subject.type == "remedy" && request.subject.id == planB.remedy.id)
            #expect(request.params["plan"] == "B" && request.params["outcome"] == nil)
            _ = try await remedies.decide(
                planB.remedy.id, .decline(note: "超出政策"), role: .manager,
                by: TicketRepositoryTests.attribution(manager))
            let decided = try #require(try await notifications.list(for: agent.id).items.first)
            #expect(decided.kind == NotificationKind.remedyDecided)
            #expect(decided.textKey == "notification.remedy.decided.declined")
            // A manager's own request: the other approvers hear of it, and nobody of their own decision.
            let planC = try await remedies.request(
                .C, note: nil, on: complaint.id, by: TicketRepositoryTests.attribution(manager))
            #expect(try await Self.kinds(notifications, manager).count == 1)
            #expect(try await Self.kinds(notifications, admin).count == 2)
            _ = try await remedies.decide(
                planC.remedy.id, .approve(note: nil), role: .manager, by: TicketRepositoryTests.attribution(manager))
            #expect(try await Self.kinds(notifications, manager).count == 1)
        }
    }

    @Test(arguments: Engine.available)
    func eachUserPagesThroughTheirOwnAndMarksThemRead(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let reader = try await TicketRepositoryTests.staff(database, "reader", .agent)
            let other = try await TicketRepositoryTests.staff(database, "other", .agent)
            let notifications = NotificationRepository(database)
            for index in 0..<5 {
                let at = Attribution(userID: nil, email: nil, requestID: nil, now: tester.now + Double(index))
                try await database.db.sqlTransaction { tx in
                    try await NotificationRepository.notify(
                        [
                            NotificationRecipient(userID: reader.id, kind: "test.\(index)"),
                            NotificationRecipient(userID: other.id, kind: "test.\(index)"),
                        ], about: .init(type: "ticket", id: UUID(), link: "/tickets/x"), params: [:], on: tx, by: at)
                }
            }
            var seen: [String] = []
            var cursor: PageCursor?
            repeat {
                let page = try await notifications.list(for: reader.id, limit: 2, cursor: cursor)
                seen += page.items.map(\.kind)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen == ["test.4", "test.3", "test.2", "test.1", "test.0"])
            let newest = try #require(try await notifications.list(for: reader.id, limit: 1).items.first)
            #expect(newest.params["by"] == "Kefu" && newest.readAt == nil)
            let read = try await notifications.markRead(newest.id, for: reader.id, now: tester.now + 10)
            #expect(read.readAt == tester.now + 10)
            #expect(
                try await notifications.markRead(newest.id, for: reader.id, now: tester.now + 20).readAt == read.readAt)
            await #expect(throws: DomainError.self) {
                try await notifications.markRead(newest.id, for: other.id, now: tester.now)
            }
            #expect(try await notifications.unreadCount(for: reader.id) == 4)
            #expect(try await notifications.list(for: reader.id, unreadOnly: true).items.map(\.kind).first == "test.3")
            #expect(try await notifications.markAllRead(for: reader.id, now: tester.now + 30) == 4)
            #expect(try await notifications.unreadCount(for: reader.id) == 0)
            #expect(try await notifications.list(for: reader.id, unreadOnly: true).items.isEmpty)
            #expect(try await notifications.unreadCount(for: other.id) == 5)
        }
    }
}
