@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct MessageIDTests {
        @Test func idsKeepTheirAngleBrackets() {
            #expect(MessageID.list("<a@b.com>") == ["<a@b.com>"])
            #expect(MessageID.list("<a@b.com>\r\n\t<c@d.com> <e@f>") == ["<a@b.com>", "<c@d.com>", "<e@f>"])
            #expect(MessageID.list("Your message of Tue <a@b.com> (comment)") == ["<a@b.com>"])
            #expect(MessageID.list("<abc\r\n def@x.com>") == ["<abcdef@x.com>"])
            #expect(MessageID.list("bare-id@x.com") == ["bare-id@x.com"])
            #expect(MessageID.list("<>").isEmpty)
        }

        @Test func madeIdsAreBracketedAndClean() {
            #expect(MessageID.make(unique: "6F9619FF-8B86", domain: "Example.com") == "<6F9619FF-8B86@example.com>")
            #expect(MessageID.make(unique: "a b<c>", domain: "例子.com") == "<a-b-c-@--.com>")
        }
    }
}
