import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// Tickets from the public form, on both databases: the customer found or made, the first message, the status
/// link, and the rate limit per address.
@Suite("TicketRepository, public form")
struct TicketRepositoryPublicTests {
    static func request(
        _ name: String = "王小明", phone: String? = "13800138000", email: String? = nil, subject: String = "发票"
    ) throws -> PublicTicket {
        try PublicTicketRequest(name: name, phone: phone, email: email, subject: subject, description: "请开发票")
            .validated(under: CustomerRules(), now: tester.now)
    }

    static func count(_ table: String, in database: KefuDatabase) async throws -> Int {
        struct Count: Decodable { var n: Int }
        let row = try await database.db.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)")
            .first(decoding: Count.self)
        return row?.n ?? 0
    }

    @Test(arguments: Engine.available)
    func aNewCustomerGetsATicketTheirFirstMessageAndAStatusLink(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let tickets = TicketRepository(database)
            let submitted = try await tickets.submit(
                try Self.request(email: "Wang@Example.com"), from: "203.0.113.9", by: tester)
            let ticket = submitted.ticket
            #expect(ticket.number.description == "T-000001" && ticket.status == .new)
            #expect(ticket.type == .inquiry && ticket.channel == .web && ticket.ownerID == nil)
            let customer = try await CustomerRepository(database).get(ticket.customerID)
            #expect(customer.profile.name == "王小明" && customer.profile.sourceChannel == "web")
            #expect(customer.profile.phones == ["+8613800138000"] && customer.profile.emails == ["wang@example.com"])
            let messages = try await tickets.messages(of: ticket.id, includeInternal: true)
            #expect(messages.map(\.body) == ["请开发票"])
            #expect(messages.first?.author == .customer(customer.id))
            let link = try await SignedLinkRepository(database).resolve(
                submitted.statusToken, for: .ticketStatus, now: tester.now)
            #expect(link.subjectID == ticket.id)
            let kinds = try await Timeline.list(in: database, customerID: customer.id, limit: 10, cursor: nil).items
                .map(\.kind)
            #expect(Set(kinds) == [CustomerEventKind.created, TicketEventKind.created])
            #expect(try await tickets.nextNumber().description == "T-000002")
        }
    }

    @Test(arguments: Engine.available)
    func aKnownPhoneThenEmailFindsTheCustomerAndLeavesTheirRecordAlone(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customers = CustomerRepository(database)
            let byPhone = try await customers.create(profile("老王", phones: ["13800138000"]), by: tester)
            let byEmail = try await customers.create(profile("小李", emails: ["li@example.com"]), by: tester)
            let agent = try await TicketRepositoryTests.staff(database, "agent", .agent)
            _ = try await TicketRepository(database).create(
                TicketRepositoryTests.draft(byPhone.id), creator: .staff(id: agent.id, role: .agent),
                by: TicketRepositoryTests.attribution(agent))
            let tickets = TicketRepository(database)
            let both = try await tickets.submit(
                try Self.request("冒名", email: "li@example.com"), from: "a", by: tester)
            #expect(both.ticket.customerID == byPhone.id)
            // Sticky ownership: the customer's last owner takes the new ticket.
            #expect(both.ticket.ownerID == agent.id)
            let mailOnly = try await tickets.submit(
                try Self.request("小李", phone: nil, email: "LI@example.com"), from: "a", by: tester)
            #expect(mailOnly.ticket.customerID == byEmail.id)
            #expect(try await customers.get(byPhone.id).profile == byPhone.profile)
            #expect(try await Self.count("customers", in: database) == 2)
        }
    }

    @Test(arguments: Engine.available)
    func theAddressLimitRefusesWithTheWaitAndStoresNothing(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let tickets = TicketRepository(database)
            var settings = BusinessSettings()
            settings.serviceDesk.publicTicketsPerHour = 2
            _ = try await SettingsRepository(database).update(settings, by: tester)
            for minute in 0..<2 {
                let at = Attribution(
                    userID: nil, email: nil, requestID: nil, now: tester.now.addingTimeInterval(Double(minute) * 60))
                _ = try await tickets.submit(try Self.request(), from: "198.51.100.1", by: at)
            }
            let later = Attribution(userID: nil, email: nil, requestID: nil, now: tester.now.addingTimeInterval(600))
            await #expect(throws: RateLimitExceeded(retryAfter: 3000)) {
                try await tickets.submit(
                    try Self.request("新客户", phone: "13900139000"), from: "198.51.100.1", by: later)
            }
            #expect(try await Self.count("tickets", in: database) == 2)
            #expect(try await Self.count("customers", in: database) == 1)
            #expect(try await Self.count("signed_links", in: database) == 2)
            _ = try await tickets.submit(try Self.request(), from: "198.51.100.2", by: later)
            let nextHour = Attribution(
                userID: nil, email: nil, requestID: nil, now: tester.now.addingTimeInterval(3600))
            _ = try await tickets.submit(try Self.request(), from: "198.51.100.1", by: nextHour)
            #expect(try await tickets.nextNumber().description == "T-000005")
        }
    }
}
