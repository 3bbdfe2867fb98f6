import Testing

@testable import KefuMailNet

@Suite struct IMAPCommandTests {
    @Test func quotesPlainStringsWithEscapes() {
        let command = IMAPCommand("LOGIN").string("me@example.com").string(#"pa"ss\word"#)
        #expect(command.parts == [.text(#"LOGIN "me@example.com" "pa\"ss\\word""#)])
        #expect(command.name == "LOGIN")
    }

    @Test func sendsOtherStringsAsLiterals() {
        let command = IMAPCommand("LOGIN").string("客服").string("p\r\nq").atom("X")
        #expect(
            command.parts == [
                .text("LOGIN {6}"), .literal(Array("客服".utf8)), .text(" {4}"), .literal(Array("p\r\nq".utf8)),
                .text(" X"),
            ])
    }

    @Test func encodesMailboxNamesInModifiedUTF7() {
        #expect(IMAPMailboxName.encode("INBOX") == "INBOX")
        #expect(IMAPMailboxName.encode("收件箱") == "&ZTZO9nux-")
        #expect(IMAPMailboxName.encode("A&B/客服") == "A&-B/&W6JnDQ-")
    }
}
