import Foundation
@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct MailMessageTests {
        static func parse(_ text: String) throws -> MailMessage {
            try MailMessage(parsing: Array(text.utf8))
        }

        @Test func refusesWhatIsNotAMessage() {
            #expect(throws: MailParseError.empty) { try Self.parse("") }
            #expect(throws: MailParseError.empty) { try Self.parse(" \r\n\r\n") }
            #expect(throws: MailParseError.notAMessage) { try Self.parse("hello, this is not mail\nat all\n") }
            #expect(throws: MailParseError.notAMessage) {
                try MailMessage(parsing: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A])
            }
            #expect(throws: MailParseError.noSender) { try Self.parse("Subject: hi\n\nbody") }
            #expect(throws: MailParseError.noSender) { try Self.parse("From: nobody\nSubject: hi\n\nbody") }
        }

        @Test func headersUnfoldRepeatAndIgnoreCase() throws {
            let message = try Self.parse(
                "From: a@b.com\r\nReceived: one\r\nSUBJECT: a long\r\n\tsubject\r\nreceived: two\r\nDelivered-To: Support@Example.com\r\n\r\nbody"
            )
            #expect(message.subject == "a long\tsubject")
            #expect(message.headers["subject"] == "a long\tsubject")
            #expect(message.headers.all("Received") == ["one", "two"])
            #expect(message.headers["X-Missing"] == nil)
            #expect(message.deliveredTo == [MailAddress(address: "support@example.com")])
            #expect(message.text == "body")
        }

        @Test func crlfAndLFReadTheSame() throws {
            let lf =
                "From: a@b.com\nSubject: s\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\n--b--\n"
            let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
            #expect(try Self.parse(lf).text == "one\n\ntwo")
            #expect(try Self.parse(crlf).text == "one\n\ntwo")
        }

        @Test func skipsAnMboxFromLine() throws {
            let message = try Self.parse("From a@b.com Thu Dec  3 09:00:00 2026\nFrom: a@b.com\nSubject: s\n\nx")
            #expect(message.from.address == "a@b.com")
            #expect(message.subject == "s")
        }

        @Test func aMessageWithoutBodyOrContentTypeIsPlainText() throws {
            let message = try Self.parse("From: a@b.com\nSubject: only headers")
            #expect(message.contentType == "text/plain")
            #expect(message.text.isEmpty)
            #expect(message.reply.isEmpty)
        }

        @Test func alternativePrefersPlainTextAndMixedCollectsFiles() throws {
            let message = try Self.parse(
                """
                From: a@b.com
                Content-Type: multipart/mixed; boundary="m"

                --m
                Content-Type: multipart/alternative; boundary="a"

                --a
                Content-Type: text/html; charset=utf-8

                <p>html version</p>
                --a
                Content-Type: text/plain; charset=utf-8

                plain version
                --a--
                --m
                Content-Type: text/plain; charset=utf-8; name="notes.txt"

                a text file
                --m
                Content-Type: message/rfc822

                From: x@y.com
                Subject: forwarded

                inner
                --m--
                """)
            #expect(message.text == "plain version")
            #expect(message.attachments.map(\.filename) == ["notes.txt", nil])
            #expect(message.attachments.map(\.contentType) == ["text/plain", "message/rfc822"])
            #expect(message.attachments[0].data == Array("a text file".utf8))
        }

        @Test func htmlAlternativeIsUsedWhenThereIsNoPlainText() throws {
            let message = try Self.parse(
                "From: a@b.com\nContent-Type: multipart/alternative; boundary=a\n\n--a\nContent-Type: text/html\n\n<b>bold</b> &amp; more\n--a--\n"
            )
            #expect(message.text == "bold & more")
            #expect(message.attachments.isEmpty)
        }

        @Test func aBlankPlainAlternativeGivesWayToTheHTML() throws {
            let message = try Self.parse(
                "From: a@b.com\nContent-Type: multipart/alternative; boundary=a\n\n--a\nContent-Type: text/plain\n\n \n--a\nContent-Type: text/html\n\n<p>real words</p>\n--a--\n"
            )
            #expect(message.text == "real words")
        }

        @Test func aMissingClosingBoundaryEndsAtTheEnd() throws {
            let message = try Self.parse(
                "From: a@b.com\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nunfinished")
            #expect(message.text == "unfinished")
        }

        @Test func multipartWithoutBoundaryIsKeptAsAFile() throws {
            let message = try Self.parse("From: a@b.com\nContent-Type: multipart/mixed\n\nwhatever")
            #expect(message.text.isEmpty)
            #expect(message.attachments.map(\.size) == [8])
        }

        @Test func deepNestingStopsAtTheLimit() throws {
            var text = "From: a@b.com\nContent-Type: multipart/mixed; boundary=b0\n\n"
            for depth in 1...60 { text += "--b\(depth - 1)\nContent-Type: multipart/mixed; boundary=b\(depth)\n\n" }
            text += "--b60\n\nhello\n"
            let message = try Self.parse(text)
            #expect(message.text.isEmpty)
            #expect(message.attachments.count == 1)
        }

        @Test func formatFlowedLinesAreJoined() throws {
            let message = try Self.parse(
                "From: a@b.com\nContent-Type: text/plain; charset=utf-8; format=flowed\n\nThis is a long \nline.\n From stuffed.\n-- \nsig"
            )
            #expect(message.text == "This is a long line.\nFrom stuffed.\n-- \nsig")
        }
    }
}
