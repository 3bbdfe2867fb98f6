import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

/// A ticket's mail over the API (issue 16 §4): the messages' mail fields and attachments, and the raw original.
@Suite("Mail messages API")
struct MailMessagesAPITests {
    @Test(arguments: Engine.available)
    func messagesCarryTheirMailFieldsAndTheOriginalIsOneCallAway(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let raw = MailSample.withAttachments(bigSize: 20)
            let outcome = try await MailIngest(app.database).ingest(
                raw: raw, mailbox: nil, mailFrom: "support@shop.test", now: Date())
            #expect(outcome == .stored(try #require(TicketNumber(sequence: 1))))
            let list = try await client.call(.get, "/api/v1/tickets?q=t-000001", as: .agent, app: app)
            let id = try #require((list.body["items"] as? [[String: Any]])?.first?["id"] as? String)
            let reply = try await client.call(
                .post, "/api/v1/tickets/\(id)/messages", as: .agent, app: app, json: #"{"body": "收到"}"#)
            // A public reply on an email ticket goes out by mail: queued until the job sends it.
            #expect(reply.status == .created && reply.body["channel"] as? String == "email")
            #expect(reply.body["mail_status"] as? String == "queued" && reply.body["from"] is NSNull)
            let messages = try await client.call(.get, "/api/v1/tickets/\(id)/messages", as: .agent, app: app)
            let items = try #require(messages.body["items"] as? [[String: Any]])
            let mail = try #require(items.first)
            #expect(mail["channel"] as? String == "email" && mail["body"] as? String == "请看附件。")
            #expect(mail["message_id"] as? String == "<att@example.test>" && mail["in_reply_to"] is NSNull)
            #expect(mail["from"] as? String == "xiaoming@example.test")
            let attachments = try #require(mail["attachments"] as? [[String: Any]])
            #expect(attachments.map { $0["filename"] as? String } == ["small.txt", "发票.bin"])
            #expect(attachments.map { $0["size"] as? Int } == [5, 20])
            #expect(attachments.map { $0["content_type"] as? String } == ["text/plain", "application/octet-stream"])
            #expect((items.last?["attachments"] as? [Any])?.isEmpty == true)
            let mailID = try #require(mail["id"] as? String)
            let original = try await client.execute(
                uri: "/api/v1/messages/\(mailID)/original", method: .get, headers: app.headers(.agent, json: false)
            ) { response in (response.status, response.headers[.contentType], [UInt8](response.body.readableBytesView))
            }
            #expect(original.0 == .ok && original.1 == "message/rfc822" && original.2 == raw)
            let staffID = try #require(items.last?["id"] as? String)
            let none = try await client.call(.get, "/api/v1/messages/\(staffID)/original", as: .agent, app: app)
            #expect(none.status == .notFound)
            let malformed = try await client.call(.get, "/api/v1/messages/nope/original", as: .agent, app: app)
            #expect(malformed.status == .badRequest)
            try await client.expectUnauthorized(
                [(HTTPRequest.Method.get, "/api/v1/messages/\(mailID)/original")], app: app)
            let page = try await client.page(
                "/tickets/\(id)", session: try await client.webLogin(.agent), language: "zh-Hans")
            #expect(page.body.contains(#"发件人 <span class="mail-from">xiaoming@example.test</span>"#))
            #expect(
                page.body.contains(#"<a href="/api/v1/messages/\#(mailID)/original" class="mail-original">查看原始邮件</a>"#))
            #expect(page.body.contains("<li>small.txt (5 B)</li><li>发票.bin (20 B)</li>"))
        }
    }
}
