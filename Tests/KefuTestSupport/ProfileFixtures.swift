import Foundation
public import KefuCore

extension CustomerProfile {
    /// A profile with every field set, awkward characters (quotes, backslash, slash, emoji, U+2028
    /// and every control character) and custom fields of both kinds: for tests of hand-made JSON.
    public static var everyFieldFixture: CustomerProfile {
        var value = CustomerProfile()
        value.kind = .organization
        value.name = "王\"小\\明 a/b 😀 \u{2028} \u{7F}" + (0..<32).map { String(UnicodeScalar(UInt8($0))) }.joined()
        value.phones = ["+8613800138000", "+861058001234"]
        value.emails = ["a@example.com"]
        value.address = "上海市\n浦东新区\t1号\r"
        value.birthday = "1990-02-28"
        value.gender = .female
        value.branchID = UUID(uuidString: "0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B")
        value.accountManagerID = UUID(uuidString: "0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5C")
        value.tier = "VIP"
        value.stage = .atRisk
        value.personality = .owl
        value.tags = ["车主", "", "a\"b"]
        value.sourceChannel = "wechat"
        value.consent = Consent(phone: true, sms: false, email: true, wechat: false)
        value.isInternal = true
        value.department = "财务部"
        value.organization = "华信科技有限公司"
        value.externalID = "CRM-00042"
        value.remarks = "备注"
        value.customFields = [
            "car": .string("沪A·12345"), "visits": .number(3), "spend": .number(0.1),
            "big": .number(1e21), "minus": .number(-2.5), "s": .string("12"),
        ]
        return value
    }
}
