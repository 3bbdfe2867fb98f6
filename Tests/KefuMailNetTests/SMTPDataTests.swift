import Testing

@testable import KefuMailNet

@Suite struct SMTPDataTests {
    @Test func doublesLeadingDotsAndEndsWithADotLine() {
        let message = Array("Subject: x\r\n\r\n.hidden\r\n..two\r\nmid.dot\r\n.\r\n".utf8)
        let expected = Array("Subject: x\r\n\r\n..hidden\r\n...two\r\nmid.dot\r\n..\r\n.\r\n".utf8)
        #expect(SMTPData.encode(message) == expected)
    }

    @Test func makesEveryLineEndCRLF() {
        let message = Array("a\nb\r\nc\rd".utf8)
        #expect(SMTPData.encode(message) == Array("a\r\nb\r\nc\r\nd\r\n.\r\n".utf8))
    }

    @Test func stuffsADotAtTheVeryStart() {
        #expect(SMTPData.encode(Array(".\n".utf8)) == Array("..\r\n.\r\n".utf8))
        #expect(SMTPData.encode([]) == Array(".\r\n".utf8))
    }

    @Test func passesEightBitBytesThrough() {
        let message = Array("Subject: 你好\r\n\r\n正文\r\n".utf8)
        #expect(SMTPData.encode(message) == message + Array(".\r\n".utf8))
    }
}
