import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// Canned replies in the store, on both databases, and their rendering for a ticket.
@Suite("CannedReplyRepository")
struct CannedReplyRepositoryTests {
    @Test(arguments: Engine.available)
    func keepsRepliesAndFillsThemForATicket(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let replies = CannedReplyRepository(database)
            let agent = try await TicketRepositoryTests.staff(database, "李娜", .agent)
            let customer = try await CustomerRepository(database).create(profile("王小明"), by: tester)
            let ticket = try await TicketRepository(database).create(
                TicketRepositoryTests.draft(customer.id), creator: .staff(id: agent.id, role: .agent),
                by: TicketRepositoryTests.attribution(agent))
            let greeting = try await replies.create(
                title: " A 问候 ", body: "{{customer.name}}您好，{{ticket.number}}由{{agent.name}}跟进。{{x}}", by: tester)
            let apology = try await replies.create(title: "B 道歉", body: "抱歉", by: tester)
            #expect(greeting.title == "A 问候")
            #expect(try await replies.list().map(\.id) == [greeting.id, apology.id])
            let rendered = try await replies.rendered(greeting.id, forTicket: ticket.ticket.id, agentName: agent.name)
            #expect(rendered.body == "王小明您好，T-000001由李娜跟进。{{x}}")
            await #expect(throws: DomainError.self) {
                try await replies.rendered(greeting.id, forTicket: UUID(), agentName: "x")
            }
            await #expect(throws: DomainError.self) {
                try await replies.update(apology.id, title: "B 道歉", body: " ", by: tester)
            }
            let updated = try await replies.update(apology.id, title: "致歉", body: "非常抱歉", by: tester)
            #expect(try await replies.get(apology.id) == updated)
            try await replies.delete(greeting.id, by: tester)
            #expect(try await replies.list().map(\.title) == ["致歉"])
            let audit = try await AuditLog.list(in: database, entityType: "canned_reply", limit: 10, cursor: nil)
            #expect(audit.items.count == 4)
        }
    }
}
