import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KefuCore
@testable import KefuServer
@testable import KefuStore
import KefuTestSupport
import Logging
import Testing

/// Outgoing mail as jobs (issue 16 §2), on both databases, through a recording transport: the reply's exact
/// headers, the customer's answer threading back, delivery with no transaction open, retries of temporary
/// failures, failures kept on the message, nothing sent on a lost claim, and acknowledgements only for customers
/// who consented, in their language.
@Suite("Mail outbox")
struct MailOutboxTests {
    /// Records what it is handed; fails with the queued errors first. `during` runs in each delivery.
    final class RecordingTransport: MailTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var failures: [MailDeliveryError]
        private let during: (@Sendable () async throws -> Void)?
        private(set) var sent: [(bytes: [UInt8], from: String, to: [String])] = []

        init(failing failures: [MailDeliveryError] = [], during: (@Sendable () async throws -> Void)? = nil) {
            self.failures = failures
            self.during = during
        }

        func deliver(_ message: [UInt8], from envelopeFrom: String, to recipients: [String]) async throws {
            try await during?()
            try lock.withLock {
                if !failures.isEmpty { throw failures.removeFirst() }
                sent.append((message, envelopeFrom, recipients))
            }
        }

        var messages: [MailMessage] { lock.withLock { sent.compactMap { try? MailMessage(parsing: $0.bytes) } } }
    }

    static func drain(_ database: KefuDatabase, _ transport: RecordingTransport?, mailFrom: String? = nil)
        async throws
    {
        let worker = JobWorker(
            queue: JobQueue(database), handlers: .kefu(mail: .init(transport: transport, mailFrom: mailFrom)),
            metrics: .init(), logger: Logger(label: "test"))
        _ = try await worker.drain()
    }

    /// A mail to the `help` mailbox opening T-000001, and an agent's public reply to it.
    static func answered(_ database: KefuDatabase, clock: TestClock) async throws -> (Ticket, TicketMessage) {
        _ = try await MailboxRepository(database).create(
            MailboxDraft(address: "help@shop.test", displayName: "小店客服", ingestName: "help", signature: "小店"),
            by: .system("test", now: clock.now))
        _ = try await MailIngest(database).ingest(
            raw: MailSample.message(references: "<m0@example.test>"), mailbox: "help", mailFrom: nil, now: clock.now)
        let ticket = try #require(try await TicketRepository(database).list(TicketQuery()).items.first)
        let agent = try await UserRepository(database).create(
            email: "agent@shop.test", name: "小李", role: .agent, passwordHash: "x", by: .system("test", now: clock.now))
        let reply = try await TicketRepository(database).reply(
            to: ticket.id, body: "已为您重开发票。", visibility: .public,
            by: Attribution(userID: agent.id, email: agent.email, requestID: nil, now: clock.now))
        return (ticket, reply)
    }

    static func message(_ database: KefuDatabase, _ ticket: Ticket, _ id: UUID) async throws -> TicketMessage {
        try #require(
            try await TicketRepository(database).messages(of: ticket.id, includeInternal: true).first { $0.id == id })
    }

    @Test(arguments: Engine.available)
    func aReplyGoesOutWithExactHeadersAndTheAnswerThreadsBack(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            let (ticket, reply) = try await Self.answered(database, clock: clock)
            #expect(reply.mailStatus == .queued && reply.channel == .email)
            let transport = RecordingTransport()
            try await Self.drain(database, transport)
            let sent = try #require(transport.sent.first)
            #expect(transport.sent.count == 1 && sent.from == "help@shop.test" && sent.to == ["xiaoming@example.test"])
            // Headers in RFC 2047 words, bodies in base64: the whole message is ASCII.
            #expect(sent.bytes.allSatisfy { $0 < 0x80 })
            let mail = try MailMessage(parsing: sent.bytes)
            #expect(mail.subject == "Re: 发票开错了 [T-000001]")
            #expect(mail.from == MailAddress(name: "小店客服", address: "help@shop.test"))
            #expect(mail.inReplyTo == ["<m1@example.test>"])
            #expect(mail.references == ["<m0@example.test>", "<m1@example.test>"])
            #expect(mail.text == "已为您重开发票。\n\n-- \n小店" && mail.headers["Auto-Submitted"] == nil)
            let stored = try await Self.message(database, ticket, reply.id)
            #expect(stored.mailStatus == .sent && stored.mailError == nil && stored.emailMessageID == mail.messageID)
            let answer = MailSample.message(
                subject: "Re: 发票开错了", messageID: "<m2@example.test>", inReplyTo: mail.messageID, body: "谢谢")
            let outcome = try await MailIngest(database).ingest(
                raw: answer, mailbox: "help", mailFrom: nil, now: clock.now)
            #expect(outcome == .stored(ticket.number))
        }
    }

    @Test(arguments: Engine.available)
    func theMailServerIsTalkedToWithNoTransactionOpen(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            let (ticket, reply) = try await Self.answered(database, clock: clock)
            // An agent writes a note while the mail server takes its time: on SQLite the note would wait for the
            // job's write lock (and time out) if the delivery ran inside the job's transaction.
            let transport = RecordingTransport(during: {
                _ = try await within("a note written during the delivery", limit: .seconds(10)) {
                    try await TicketRepository(database).reply(
                        to: ticket.id, body: "客户在等回邮", visibility: .internal,
                        by: Attribution(userID: reply.author.id, email: nil, requestID: nil, now: clock.now))
                }
            })
            try await Self.drain(database, transport)
            #expect(transport.sent.count == 1)
            #expect(try await Self.message(database, ticket, reply.id).mailStatus == .sent)
            let messages = try await TicketRepository(database).messages(of: ticket.id, includeInternal: true)
            #expect(messages.contains { $0.body == "客户在等回邮" && $0.visibility == .internal })
        }
    }

    @Test(arguments: Engine.available)
    func aWorkerWhoseClaimWasLostSendsNothing(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            let (ticket, reply) = try await Self.answered(database, clock: clock)
            let transport = RecordingTransport()
            let handlers = JobHandlers.kefu(mail: .init(transport: transport, mailFrom: nil))
            let stalled = JobQueue(database, instance: "stalled", lease: 60)
            let other = JobQueue(database, instance: "other", lease: 60)
            let held = try #require(try await stalled.claim(limit: 10).first)
            clock.advance(by: 61)
            let reclaimed = try #require(try await other.claim(limit: 10).first)
            #expect(try await handlers.run(held, on: stalled) == .lost)
            #expect(transport.sent.isEmpty)
            #expect(try await handlers.run(reclaimed, on: other) == .done)
            #expect(transport.sent.count == 1)
            #expect(try await Self.message(database, ticket, reply.id).mailStatus == .sent)
        }
    }

    @Test(arguments: Engine.available)
    func aTemporaryFailureIsRetriedAndAPermanentOneIsShownOnTheMessage(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            let (ticket, reply) = try await Self.answered(database, clock: clock)
            let transport = RecordingTransport(failing: [.temporary("451 try later")])
            try await Self.drain(database, transport)
            #expect(transport.sent.isEmpty)
            #expect(try await Self.message(database, ticket, reply.id).mailStatus == .queued)
            clock.advance(by: 11)
            try await Self.drain(database, transport)
            #expect(transport.sent.count == 1)
            #expect(try await Self.message(database, ticket, reply.id).mailStatus == .sent)
            let second = try await TicketRepository(database).reply(
                to: ticket.id, body: "还有问题吗？", visibility: .public,
                by: Attribution(userID: reply.author.id, email: nil, requestID: nil, now: clock.now))
            try await Self.drain(database, RecordingTransport(failing: [.permanent("550 no such user")]))
            let failed = try await Self.message(database, ticket, second.id)
            #expect(failed.mailStatus == .failed && failed.mailError == "550 no such user")
            let third = try await TicketRepository(database).reply(
                to: ticket.id, body: "在吗？", visibility: .public,
                by: Attribution(userID: reply.author.id, email: nil, requestID: nil, now: clock.now))
            try await Self.drain(database, nil)
            let unsent = try await Self.message(database, ticket, third.id)
            #expect(unsent.mailStatus == .failed && unsent.mailError?.contains("no SMTP server configured") == true)
            let note = try await TicketRepository(database).reply(
                to: ticket.id, body: "内部", visibility: .internal,
                by: Attribution(userID: reply.author.id, email: nil, requestID: nil, now: clock.now))
            #expect(note.mailStatus == nil && note.channel == nil)
        }
    }

    @Test(arguments: Engine.available)
    func onlyACustomerWhoConsentedGetsAnAcknowledgement(engine: Engine) async throws {
        let clock = TestClock()
        try await withDatabase(engine, clock: clock.clock) { database in
            _ = try await MailboxRepository(database).create(
                MailboxDraft(address: "help@shop.test", ingestName: "help", language: .en),
                by: .system("test", now: clock.now))
            let transport = RecordingTransport()
            // A customer made from the mail has not consented.
            _ = try await MailIngest(database).ingest(
                raw: MailSample.message(), mailbox: "help", mailFrom: nil, now: clock.now)
            try await Self.drain(database, transport)
            #expect(transport.sent.isEmpty)
            var profile = CustomerProfile()
            profile.name = "李雷"
            profile.emails = ["lilei@example.test"]
            profile.consent.email = true
            _ = try await CustomerRepository(database).create(profile, by: .system("test", now: clock.now))
            _ = try await MailIngest(database).ingest(
                raw: MailSample.message(from: "lilei@example.test", subject: "退货", messageID: "<l1@example.test>"),
                mailbox: "help", mailFrom: nil, now: clock.now)
            try await Self.drain(database, transport)
            let ack = try #require(transport.messages.first)
            #expect(transport.sent.count == 1 && transport.sent.first?.to == ["lilei@example.test"])
            #expect(ack.subject == "Re: 退货 [T-000002]" && ack.headers["Auto-Submitted"] == "auto-replied")
            #expect(ack.inReplyTo == ["<l1@example.test>"] && ack.text.contains("ticket T-000002"))
        }
    }

    @Test(arguments: Engine.available)
    func aPublicFormTicketIsAcknowledgedInTheLanguageOfTheForm(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            var profile = CustomerProfile()
            profile.name = "李雷"
            profile.emails = ["lilei@example.test"]
            profile.consent.email = true
            _ = try await CustomerRepository(app.database).create(profile, by: app.database.system("test"))
            let (_, visitor) = try await SupportPagesTests.visit(client, "/support/new", language: "en")
            let fields = [
                ("name", "Li Lei"), ("phone", ""), ("email", "lilei@example.test"), ("subject", "Refund"),
                ("description", "Where is my refund?"), ("website", ""),
            ]
            let english = try await client.submit(
                "/support/new", fields, session: nil, csrf: visitor.csrf,
                extraCookie: visitor.cookie + "; \(Language.cookie)=en")
            #expect(english.status == .created)
            var headers = app.headers(nil)
            headers[.acceptLanguage] = "zh-CN,zh;q=0.9"
            let chinese = try await client.execute(
                uri: "/api/v1/public/tickets", method: .post, headers: headers,
                body: ByteBuffer(
                    string: #"{"name": "李雷", "email": "lilei@example.test", "subject": "发票", "description": "请开发票"}"#)
            ) { $0.status }
            #expect(chinese == .created)
            let transport = RecordingTransport()
            try await Self.drain(app.database, transport, mailFrom: "support@shop.test")
            let acknowledgements = transport.messages.sorted { $0.subject < $1.subject }
            #expect(acknowledgements.map(\.subject) == ["Re: Refund [T-000001]", "Re: 发票 [T-000002]"])
            #expect(acknowledgements.first?.text.hasPrefix("Hello,\n\nWe have received your message") == true)
            #expect(acknowledgements.last?.text.hasPrefix("您好！") == true)
        }
    }
}
