import Foundation
@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct OutgoingMailTests {
        let date = Date(timeIntervalSince1970: 1_796_177_732)

        func reply(subject: String = "Re: 订单没有收到，请尽快处理，谢谢！我已经等了一个星期了 [T-000123]") throws -> OutgoingMail {
            let customer = try MailMessage(
                parsing: Array(
                    "From: w@qq.com\nMessage-ID: <c2@qq.com>\nIn-Reply-To: <k1@example.com>\nReferences: <c0@qq.com> <k1@example.com>\n\nhi"
                        .utf8))
            return OutgoingMail.reply(
                to: (customer.messageID, customer.inReplyTo, customer.references),
                from: MailAddress(name: "Kefu 客服中心", address: "support@example.com"),
                recipient: MailAddress(name: "王小明", address: "w@qq.com"), subject: subject,
                messageID: MessageID.make(unique: "6f9619ff-8b86-d011-b42d-00c04fc964ff", domain: "example.com"),
                date: date,
                utcOffsetMinutes: 480, text: "您好，\n\n订单已经重新发出 <顺丰>。\r\n单号 SF123 & 456")
        }

        @Test func threadingHeadersComeFromTheCustomersLastMessage() throws {
            let mail = try reply()
            #expect(mail.inReplyTo == "<c2@qq.com>")
            #expect(mail.references == ["<c0@qq.com>", "<k1@example.com>", "<c2@qq.com>"])
            let first = OutgoingMail.reply(
                to: ("<c1@qq.com>", [], []), from: mail.from, recipient: mail.to[0], subject: "s", messageID: "<m@x>",
                date: date, text: "t")
            #expect(first.references == ["<c1@qq.com>"])
            let long = OutgoingMail.reply(
                to: ("<new@x>", [], (1...40).map { "<\($0)@x>" }), from: mail.from, recipient: mail.to[0], subject: "s",
                messageID: "<m@x>", date: date, text: "t")
            #expect(long.references.count == OutgoingMail.maximumReferences)
            #expect(long.references.first == "<1@x>" && long.references.last == "<new@x>")
        }

        @Test func headersAreASCIIFoldedAndCRLF() throws {
            let raw = try reply().rendered()
            #expect(raw.allSatisfy { $0 < 0x80 })
            let text = String(decoding: raw, as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n")
            #expect(lines.allSatisfy { $0.count <= 78 })
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            #expect(text.hasPrefix("Date: Wed, 02 Dec 2026 10:15:32 +0800\r\nFrom: =?UTF-8?B?"))
            #expect(text.contains("\r\nMessage-ID: <6f9619ff-8b86-d011-b42d-00c04fc964ff@example.com>\r\n"))
            #expect(text.contains("\r\nIn-Reply-To: <c2@qq.com>\r\n"))
            #expect(text.contains("\r\nReferences: <c0@qq.com> <k1@example.com> <c2@qq.com>\r\n"))
            #expect(text.contains("\r\nMIME-Version: 1.0\r\n"))
            #expect(text.contains("\r\nSubject: Re: =?UTF-8?B?"))
            #expect(text.contains("?= [T-000123]\r\n"))
        }

        @Test func roundTripsThroughTheParser() throws {
            let mail = try reply()
            let parsed = try MailMessage(parsing: mail.rendered())
            #expect(parsed.subject == mail.subject)
            #expect(parsed.from == mail.from)
            #expect(parsed.to == mail.to)
            #expect(parsed.messageID == mail.messageID)
            #expect(parsed.inReplyTo == ["<c2@qq.com>"])
            #expect(parsed.references == mail.references)
            #expect(parsed.date == date)
            #expect(parsed.contentType == "multipart/alternative")
            #expect(parsed.text == "您好，\n\n订单已经重新发出 <顺丰>。\n单号 SF123 & 456")
            #expect(parsed.attachments.isEmpty)
            #expect(MailThreading.ticketNumber(inSubject: parsed.subject) == TicketNumber(sequence: 123))
        }

        @Test func theHTMLPartEscapesAndKeepsParagraphs() throws {
            let root = MIMEPart(entity: try reply().rendered()[...])
            let html = try #require(root.children.last)
            #expect(html.mimeType == "text/html")
            let markup = String(decoding: html.body, as: UTF8.self)
            #expect(markup.contains("<p>您好，</p>"))
            #expect(markup.contains("<p>订单已经重新发出 &lt;顺丰&gt;。<br>\r\n单号 SF123 &amp; 456</p>"))
            #expect(HTMLText.text(markup) == "您好，\n\n订单已经重新发出 <顺丰>。\n单号 SF123 & 456")
        }

        @Test func plainASCIIHeadersStayReadableAndInjectionIsImpossible() throws {
            var mail = try reply(subject: "Re: Refund\r\nBcc: evil@x.com [T-000123]")
            mail.from = MailAddress(name: "Kefu Support, Inc.", address: "support@example.com")
            mail.to = [MailAddress(name: "John", address: "john@x.com"), MailAddress(address: "jane@x.com")]
            let text = String(decoding: mail.rendered(), as: UTF8.self)
            #expect(text.contains("\r\nSubject: Re: Refund Bcc: evil@x.com [T-000123]\r\n"))
            #expect(text.contains("\r\nFrom: \"Kefu Support, Inc.\" <support@example.com>\r\n"))
            #expect(text.contains("\r\nTo: John <john@x.com>, <jane@x.com>\r\n"))
            let parsed = try MailMessage(parsing: mail.rendered())
            #expect(parsed.headers.all("Bcc").isEmpty)
            #expect(parsed.from == mail.from)
            #expect(parsed.to == mail.to)
        }

        @Test func longASCIISubjectsFoldAtSpaces() {
            let words = (1...30).map { "word\($0)" }.joined(separator: " ")
            let field = HeaderWriter.field("Subject", tokens: HeaderWriter.unstructuredTokens(words, name: "Subject"))
            #expect(field.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
            let value = MailHeaders.parse(Array(field.utf8)[...])?["Subject"]
            #expect(value == words)
        }

        @Test func wordsThatLookEncodedAreEncoded() throws {
            let tokens = HeaderWriter.unstructuredTokens("about =?x?Q?y?= here", name: "Subject")
            #expect(tokens.first == "about" && tokens.last == "here")
            #expect(EncodedWords.decode(tokens.joined(separator: " ")) == "about =?x?Q?y?= here")
        }
    }
}
