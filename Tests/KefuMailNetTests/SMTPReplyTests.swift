import Testing

@testable import KefuMailNet

@Suite struct SMTPReplyTests {
    @Test func readsAMultiLineReplyWhole() throws {
        var bytes = Array("250-mail.example.test\r\n250-STARTTLS\r\n250 8BITMIME\r\n220 next".utf8)
        let reply = try SMTPReply.parse(&bytes)
        #expect(reply == SMTPReply(code: 250, lines: ["mail.example.test", "STARTTLS", "8BITMIME"]))
        #expect(bytes == Array("220 next".utf8))
    }

    @Test func waitsForTheLastLine() throws {
        var bytes = Array("250-first\r\n250-second\r\n250 la".utf8)
        let before = bytes
        #expect(try SMTPReply.parse(&bytes) == nil)
        #expect(bytes == before)
    }

    @Test func acceptsBareLineFeedsAndACodeAlone() throws {
        var bytes = Array("354\n".utf8)
        #expect(try SMTPReply.parse(&bytes) == SMTPReply(code: 354, lines: [""]))
        #expect(bytes.isEmpty)
    }

    @Test func classifiesCodes() throws {
        var bytes = Array("550 5.1.1 <x@example.test>: unknown\r\n".utf8)
        let reply = try #require(try SMTPReply.parse(&bytes))
        #expect(reply.isPermanentFailure)
        let error = SMTPError(reply: reply, after: "RCPT TO:<x@example.test>")
        #expect(error.isPermanent)
        #expect(error.code == 550)
        #expect(error.description == "RCPT TO:<x@example.test> → 550 5.1.1 <x@example.test>: unknown")
        #expect(!SMTPError(reply: SMTPReply(code: 451, lines: ["try later"]), after: "DATA").isPermanent)
    }

    @Test func refusesLinesThatAreNotReplies() {
        var garbage = Array("HTTP/1.1 400 Bad Request\r\n".utf8)
        #expect(throws: SMTPError.self) { try SMTPReply.parse(&garbage) }
        var mixed = Array("250-one\r\n251 two\r\n".utf8)
        #expect(throws: SMTPError.self) { try SMTPReply.parse(&mixed) }
    }
}
