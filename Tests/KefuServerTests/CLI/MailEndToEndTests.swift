import Foundation
import KefuCore
import KefuMailNet
import KefuTestSupport
import Testing

/// Issue 16 §3's end-to-end test, against the real Postfix and Dovecot that scripts/test.sh starts (lib/mail.sh):
/// a customer's mail delivered to desk@example.test (a mailbox of its own: the poller takes every unseen mail)
/// becomes a ticket through `kefu serve --imap-url`, the agent's reply reaches the customer's mailbox over
/// `--smtp-url` with the contract's headers, and the customer's answer joins the same ticket.
@Suite("Mail end to end: Postfix, Dovecot and kefu serve", .enabled(if: KefuCLI.built != nil))
struct MailEndToEndTests {
    let cli = KefuCLI.built!

    struct Servers {
        var smtp: String
        var customerIMAP: String
        var deskIMAP: String
        var ca: String?

        /// The servers' addresses from the environment; nil, with the reason printed, when they are not running.
        static func fromEnvironment() -> Servers? {
            let environment = ProcessInfo.processInfo.environment
            guard let smtp = environment["KEFU_TEST_SMTP_URL"], let customer = environment["KEFU_TEST_IMAP_URL"],
                let desk = environment["KEFU_TEST_IMAP_DESK_URL"]
            else {
                print(
                    "note: KEFU_TEST_SMTP_URL / KEFU_TEST_IMAP_URL are not set (scripts/test.sh starts the servers);"
                        + " the mail end-to-end test is skipped.")
                return nil
            }
            return Servers(
                smtp: smtp, customerIMAP: customer, deskIMAP: desk, ca: environment["KEFU_TEST_MAIL_CA"])
        }
    }

    @Test func mailBecomesATicketTheReplyReachesTheCustomerAndTheAnswerJoinsIt() async throws {
        guard let servers = Servers.fromEnvironment() else { return }
        let tls = MailTLS(trustedCAFile: servers.ca)
        let smtp = try SMTPClient(url: MailServerURL(servers.smtp), tls: tls)
        let customerBox = try IMAPClient(url: MailServerURL(servers.customerIMAP), tls: tls)
        let run = UUID().uuidString.prefix(8).lowercased()
        try await withTemporaryDirectoryAsync { directory in
            let database = directory.appendingPathComponent("mail.sqlite").path
            try cli.addUser("agent@example.test", name: "坐席", role: "agent", database: database)
            let server = try await KefuServe.start(
                cli, database: database,
                arguments: [
                    "--smtp-url", servers.smtp, "--imap-url", servers.deskIMAP, "--imap-interval", "1",
                    "--mail-from", "desk@example.test",
                ] + (servers.ca.map { ["--mail-ca-file", $0] } ?? []))
            defer { server.stop() }
            let token = try await server.login("agent@example.test")

            // MUT: the customer writes to the desk; Postfix delivers it, the server's poller fetches it.
            let subject = "发票抬头错了 \(run)"
            let firstID = "<first-\(run)@customer.example.test>"
            try await smtp.send(
                Self.mail(subject: subject, messageID: firstID, inReplyTo: nil, body: "请帮我改一下发票抬头。"),
                from: "customer@example.test", to: ["desk@example.test"])
            let ticket = try #require(await Self.within { try await Self.ticket(subject: subject, server, token) })
            let ticketID = try #require(ticket["id"] as? String)
            let number = try #require(ticket["number"] as? String)
            let first = try await Self.messages(ticketID, server, token)
            #expect(first.count == 1)
            #expect(first.first?["message_id"] as? String == firstID)
            #expect(first.first?["from"] as? String == "customer@example.test")
            #expect(first.first?["channel"] as? String == "email")

            // MUT: the agent answers in public; the reply goes out over SMTP to the customer's mailbox.
            let replied = try await server.call(
                "POST", "tickets/\(ticketID)/messages", token: token, json: ["body": "已经为您改好了。"])
            #expect(replied.status == 201)
            let reply = try #require(await Self.within { try await Self.mail(containing: number, in: customerBox) })
            let parsed = try MailMessage(parsing: reply)
            #expect(parsed.subject == "Re: \(subject) [\(number)]")
            #expect(parsed.inReplyTo == [firstID])
            #expect(parsed.from.address == "desk@example.test")
            let headersAreASCII = Self.headerBlock(reply).allSatisfy { $0 < 0x80 }
            #expect(headersAreASCII)
            let replyID = try #require(parsed.messageID)

            // MUT: the customer answers the reply; it joins the same ticket by In-Reply-To.
            try await smtp.send(
                Self.mail(
                    subject: "回复：\(parsed.subject)", messageID: "<answer-\(run)@customer.example.test>",
                    inReplyTo: replyID, body: "收到，谢谢！\r\n\r\n在 2026年12月3日 写道：\r\n> 已经为您改好了。"),
                from: "customer@example.test", to: ["desk@example.test"])
            let joined = try #require(
                await Self.within {
                    let messages = try await Self.messages(ticketID, server, token)
                    return messages.count == 3 ? messages : nil
                })
            #expect(joined.last?["in_reply_to"] as? String == replyID)
            #expect((joined.last?["body"] as? String)?.contains("收到，谢谢！") == true)
            #expect((joined.last?["body"] as? String)?.contains("已经为您改好了") == false)
        }
    }

    /// A customer's mail as a mail client writes it: UTF-8 subject in an encoded word, 8-bit body.
    static func mail(subject: String, messageID: String, inReplyTo: String?, body: String) -> [UInt8] {
        let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        var headers = [
            "From: 客户 <customer@example.test>", "To: <desk@example.test>", "Subject: \(encodedSubject)",
            "Message-ID: \(messageID)", "Date: Thu, 03 Dec 2026 12:00:00 +0800", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64",
        ]
        if let inReplyTo {
            let bracketed = inReplyTo.hasPrefix("<") ? inReplyTo : "<\(inReplyTo)>"
            headers += ["In-Reply-To: \(bracketed)", "References: \(bracketed)"]
        }
        let text = headers.joined(separator: "\r\n") + "\r\n\r\n" + Data(body.utf8).base64EncodedString() + "\r\n"
        return Array(text.utf8)
    }

    static func headerBlock(_ raw: [UInt8]) -> ArraySlice<UInt8> {
        let end = raw.indices.first { raw[$0...].starts(with: Array("\r\n\r\n".utf8)) } ?? raw.endIndex
        return raw[..<end]
    }

    /// Up to 60 s of polls, twice a second: mail takes a delivery, a poll and a job to arrive.
    static func within<T>(_ probe: () async throws -> T?) async throws -> T? {
        for _ in 0..<120 {
            if let found = try await probe() { return found }
            try await Task.sleep(for: .milliseconds(500))
        }
        return nil
    }

    static func ticket(subject: String, _ server: KefuServe, _ token: String) async throws -> [String: Any]? {
        let answer = try await server.call("GET", "tickets", token: token)
        let items = (answer.body as? [String: Any])?["items"] as? [[String: Any]] ?? []
        return items.first { $0["subject"] as? String == subject }
    }

    static func messages(_ ticketID: String, _ server: KefuServe, _ token: String) async throws -> [[String: Any]] {
        let answer = try await server.call("GET", "tickets/\(ticketID)/messages", token: token)
        return (answer.body as? [String: Any])?["items"] as? [[String: Any]] ?? []
    }

    /// The unseen message in `box` whose bytes hold `needle`, if one has arrived.
    static func mail(containing needle: String, in box: IMAPClient) async throws -> [UInt8]? {
        try await box.withSession { session in
            for uid in try await session.unseenUIDs().reversed() {
                if let bytes = try await session.fetch(uid: uid),
                    String(decoding: bytes, as: UTF8.self).contains(needle)
                {
                    return bytes
                }
            }
            return nil
        }
    }
}
