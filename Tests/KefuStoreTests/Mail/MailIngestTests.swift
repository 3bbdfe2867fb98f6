import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// Mail into tickets on both databases (issue 16 §1): a new ticket, duplicates, the three threading rules, every
/// kind of noise, the per-sender hold, refusals, attachments and the original.
@Suite("MailIngest")
struct MailIngestTests {
    static let now = tester.now

    static func ingest(
        _ database: KefuDatabase, _ raw: [UInt8], mailbox: String? = nil, mailFrom: String? = "support@shop.test",
        at seconds: TimeInterval = 0
    ) async throws -> MailIngestOutcome {
        try await MailIngest(database).ingest(
            raw: raw, mailbox: mailbox, mailFrom: mailFrom, now: now.addingTimeInterval(seconds))
    }

    static func stored(_ outcome: MailIngestOutcome) throws -> TicketNumber {
        guard case .stored(let number) = outcome else {
            Issue.record("expected stored, got \(outcome)")
            throw StoreError.corrupt("not stored")
        }
        return number
    }

    static func ticket(_ database: KefuDatabase, _ number: TicketNumber) async throws -> TicketRepository.Record {
        struct Row: Decodable { var id: UUID }
        let row = try #require(
            try await database.db.sql.select().column("id").from("tickets")
                .where("number", .equal, Int64(number.sequence)).first(decoding: Row.self))
        return try await TicketRepository(database).get(row.id)
    }

    static func count(_ database: KefuDatabase, _ table: String) async throws -> Int {
        struct Row: Decodable { var n: Int }
        return try await database.db.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decoding: Row.self)?
            .n ?? 0
    }

    @Test(arguments: Engine.available)
    func aNewMessageOpensAnEmailTicketForANewCustomerWithoutConsent(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let raw = MailSample.message(body: "你好，发票抬头写错了。\n\n在 2026-12-01，客服 写道：\n> 旧的")
            let number = try Self.stored(try await Self.ingest(database, raw))
            #expect(number.description == "T-000001")
            let record = try await Self.ticket(database, number)
            #expect(record.ticket.channel == .email && record.ticket.subject == "发票开错了")
            let messages = try await TicketRepository(database).messages(of: record.ticket.id, includeInternal: true)
            #expect(messages.count == 1)
            let message = try #require(messages.first)
            #expect(message.body == "你好，发票抬头写错了。" && message.channel == .email)
            #expect(message.emailMessageID == "<m1@example.test>" && message.fromAddress == "xiaoming@example.test")
            #expect(message.author == .customer(record.ticket.customerID) && message.attachments.isEmpty)
            let customer = try await CustomerRepository(database).get(record.ticket.customerID)
            #expect(customer.profile.name == "王小明" && customer.profile.emails == ["xiaoming@example.test"])
            #expect(customer.profile.consent.email == false && customer.profile.sourceChannel == "email")
            let original = try await TicketRepository(database).original(ofMessage: message.id)
            #expect(original.raw == raw && original.ticket.id == record.ticket.id)
        }
    }

    @Test(arguments: Engine.available)
    func aSecondDeliveryStoresNothingAndNamesTheTicket(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let number = try Self.stored(try await Self.ingest(database, MailSample.message()))
            #expect(try await Self.ingest(database, MailSample.message(), at: 5) == .duplicate(number))
            #expect(try await Self.count(database, "ticket_messages") == 1)
            #expect(try await Self.count(database, "mail_originals") == 1)
        }
    }

    @Test(arguments: Engine.available)
    func aReplyJoinsTheTicketOfTheMessageItReferences(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let first = try Self.stored(try await Self.ingest(database, MailSample.message()))
            // Another address, no number in the subject: the reference alone threads it.
            let reply = MailSample.message(
                from: "colleague@example.test", subject: "Re: 发票", messageID: "<m2@example.test>",
                references: "<m0@elsewhere.test> <m1@example.test>", body: "补充一下")
            #expect(try await Self.ingest(database, reply, at: 60) == .stored(first))
            let record = try await Self.ticket(database, first)
            let messages = try await TicketRepository(database).messages(of: record.ticket.id, includeInternal: false)
            #expect(messages.map(\.body) == ["你好，发票抬头写错了。", "补充一下"])
            #expect(messages.last?.fromAddress == "colleague@example.test" && messages.last?.inReplyTo == nil)
            #expect(try await Self.count(database, "tickets") == 1)
        }
    }

    @Test(arguments: Engine.available)
    func theSubjectNumberJoinsOnlyForTheTicketsCustomer(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let first = try Self.stored(try await Self.ingest(database, MailSample.message()))
            let same = MailSample.message(
                subject: "Re: 发票开错了 [T-000001]", messageID: "<m2@example.test>", body: "还在吗")
            #expect(try await Self.ingest(database, same, at: 60) == .stored(first))
            let other = MailSample.message(
                from: "someone@example.test", subject: "Re: 发票开错了 [T-000001]", messageID: "<m3@example.test>",
                body: "我也是")
            let second = try Self.stored(try await Self.ingest(database, other, at: 120))
            #expect(second.description == "T-000002")
            let opened = try await Self.ticket(database, second)
            #expect(opened.links.map(\.number) == [first] && opened.links.map(\.kind) == [.related])
            #expect(opened.ticket.customerID != (try await Self.ticket(database, first)).ticket.customerID)
        }
    }

    @Test(arguments: Engine.available)
    func noiseIsNeverStored(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let cases: [([UInt8], MailNoise)] = [
                (MailSample.message(headers: ["Auto-Submitted: auto-replied"]), .autoSubmitted("auto-replied")),
                (MailSample.message(headers: ["Precedence: bulk"]), .precedence("bulk")),
                (MailSample.message(from: "MAILER-DAEMON@shop.test"), .bounce),
                (MailSample.message(from: "Support <SUPPORT@shop.test>"), .ownAddress("support@shop.test")),
            ]
            for (raw, noise) in cases {
                let outcome = try await Self.ingest(database, raw)
                #expect(outcome == .ignored(noise))
            }
            let tickets = try await Self.count(database, "tickets")
            let customers = try await Self.count(database, "customers")
            #expect(tickets == 0 && customers == 0)
        }
    }

    @Test(arguments: Engine.available)
    func theOwnAddressComesFromTheMailboxOrDeliveredTo(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await MailboxRepository(database).create(
                MailboxDraft(address: "Help@Shop.test", ingestName: "help"), by: tester)
            let fromMailbox = MailSample.message(from: "help@shop.test")
            #expect(
                try await Self.ingest(database, fromMailbox, mailbox: "help", mailFrom: nil)
                    == .ignored(.ownAddress("help@shop.test")))
            let delivered = MailSample.message(from: "desk@shop.test", headers: ["Delivered-To: desk@shop.test"])
            #expect(
                try await Self.ingest(database, delivered, mailFrom: nil) == .ignored(.ownAddress("desk@shop.test")))
            await #expect(throws: MailIngest.UnknownMailbox.self) {
                try await Self.ingest(database, MailSample.message(), mailbox: "nobody", mailFrom: nil)
            }
        }
    }

    @Test(arguments: Engine.available)
    func aSenderOverTheRateIsHeldUntilTheMinutePasses(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let settings = SettingsRepository(database)
            var rules = try await settings.get()
            rules.serviceDesk.mailPerSenderPerMinute = 2
            _ = try await settings.update(rules, by: tester)
            for index in 1...2 {
                _ = try Self.stored(
                    try await Self.ingest(database, MailSample.message(messageID: "<r\(index)@x.test>"), at: 0))
            }
            #expect(try await Self.ingest(database, MailSample.message(messageID: "<r3@x.test>"), at: 30) == .held)
            #expect(try await Self.count(database, "ticket_messages") == 2)
            _ = try Self.stored(try await Self.ingest(database, MailSample.message(messageID: "<r3@x.test>"), at: 61))
        }
    }

    @Test(arguments: Engine.available)
    func tooLargeAndUnparseableMailIsRefused(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let settings = SettingsRepository(database)
            var rules = try await settings.get()
            rules.serviceDesk.mailMaxMessageBytes = 1_000
            _ = try await settings.update(rules, by: tester)
            let large = MailSample.message(body: String(repeating: "长", count: 400))
            guard case .refused(let reason) = try await Self.ingest(database, large) else {
                Issue.record("a large message was not refused")
                return
            }
            #expect(reason.contains("larger than the limit of 1000 bytes"))
            guard case .refused = try await Self.ingest(database, Array("not a message at all".utf8)) else {
                Issue.record("garbage was not refused")
                return
            }
            #expect(try await Self.count(database, "ticket_messages") == 0)
        }
    }

    @Test(arguments: Engine.available)
    func attachmentsAreListedAndOnlyThoseWithinTheLimitKept(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let settings = SettingsRepository(database)
            var rules = try await settings.get()
            rules.serviceDesk.mailMaxAttachmentBytes = 100
            _ = try await settings.update(rules, by: tester)
            let number = try Self.stored(try await Self.ingest(database, MailSample.withAttachments(bigSize: 300)))
            let record = try await Self.ticket(database, number)
            let message = try #require(
                try await TicketRepository(database).messages(of: record.ticket.id, includeInternal: true).first)
            #expect(message.body == "请看附件。")
            #expect(
                message.attachments == [
                    MessageAttachment(filename: "small.txt", contentType: "text/plain", size: 5, stored: true),
                    MessageAttachment(
                        filename: "发票.bin", contentType: "application/octet-stream", size: 300, stored: false),
                ])
        }
    }
}
