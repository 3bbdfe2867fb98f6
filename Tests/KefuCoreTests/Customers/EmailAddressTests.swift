import KefuCore
import Testing

@Suite struct EmailAddressTests {
    @Test func trimsAndLowercases() {
        #expect(EmailAddress.normalize("  Wang.XiaoMing@Example.COM ") == "wang.xiaoming@example.com")
    }

    @Test func acceptsSubdomainsPlusTagsAndUnicode() {
        #expect(EmailAddress.normalize("a+tag@mail.example.cn") == "a+tag@mail.example.cn")
        #expect(EmailAddress.normalize("王@例子.中国") == "王@例子.中国")
    }

    @Test(arguments: [
        "", "plain", "a@b", "@example.com", "a@@example.com", "a@b@example.com", "a b@example.com",
        "a@example..com", "a@-example.com", "a@example-.com", "a@example.com.", "a,b@example.com",
        "a;b@example.com", "<a@example.com>",
    ])
    func rejectsMalformed(_ raw: String) {
        #expect(EmailAddress.normalize(raw) == nil)
    }

    @Test func rejectsOverlongAddresses() {
        let local = String(repeating: "a", count: 250)
        #expect(EmailAddress.normalize(local + "@ex.com") == nil)
    }
}
