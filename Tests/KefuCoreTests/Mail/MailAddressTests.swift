@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct MailAddressTests {
        @Test func displayNamesPlainQuotedAndEncoded() {
            #expect(
                MailAddress.list("Wang Xiaoming <Wang@Example.COM>") == [
                    MailAddress(name: "Wang Xiaoming", address: "wang@example.com")
                ])
            #expect(
                MailAddress.list("\"Smith, John\" <john@contoso.com>, \"a \\\"b\\\"\" <ab@x.org>") == [
                    MailAddress(name: "Smith, John", address: "john@contoso.com"),
                    MailAddress(name: "a \"b\"", address: "ab@x.org"),
                ])
            #expect(
                MailAddress.list("=?GBK?B?zfXQocP3?= <w@qq.com>") == [MailAddress(name: "王小明", address: "w@qq.com")])
            #expect(
                MailAddress.list("\"=?GBK?B?zfXQocP3?=\" <w@qq.com>") == [MailAddress(name: "王小明", address: "w@qq.com")]
            )
            #expect(
                MailAddress.list("=?UTF-8?B?5a6i?=\r\n =?UTF-8?B?5pyN?= <s@example.com>") == [
                    MailAddress(name: "客服", address: "s@example.com")
                ])
        }

        @Test func bareAddressesCommentsAndGroups() {
            #expect(MailAddress.list("a@b.com") == [MailAddress(address: "a@b.com")])
            #expect(
                MailAddress.list("MAILER-DAEMON@mx.example.com (Mail Delivery System)") == [
                    MailAddress(name: "Mail Delivery System", address: "mailer-daemon@mx.example.com")
                ])
            #expect(
                MailAddress.list("Team: a@b.com, Li <c@d.com>;, e@f.com") == [
                    MailAddress(address: "a@b.com"), MailAddress(name: "Li", address: "c@d.com"),
                    MailAddress(address: "e@f.com"),
                ])
            #expect(MailAddress.list("undisclosed-recipients:;").isEmpty)
            #expect(MailAddress.list("<support@example.com>") == [MailAddress(address: "support@example.com")])
        }

        @Test func entriesWithoutAnAddressAreDropped() {
            #expect(MailAddress.list("Just a name").isEmpty)
            #expect(MailAddress.list("").isEmpty)
        }
    }
}
