import Foundation
import KefuCore
@testable import KefuStore
import Testing

/// `CustomerProfileJSON.decode` must give exactly what `JSONDecoder` gives, or nil.
@Suite("Stored profile reader")
struct CustomerProfileJSONDecodeTests {
    static var everyField: CustomerProfile {
        var value = CustomerProfile()
        value.kind = .organization
        value.name = "王\"小\\明/ 😀 \u{2028}" + (0..<32).map { String(UnicodeScalar(UInt8($0))) }.joined()
        value.phones = ["+8613800138000", "+861058001234"]
        value.emails = ["a@example.com"]
        value.address = "上海市\n浦东"
        value.birthday = "1990-02-28"
        value.gender = .male
        value.branchID = UUID()
        value.tier = "VIP"
        value.stage = .atRisk
        value.personality = .tiger
        value.tags = ["车主", ""]
        value.sourceChannel = "wechat"
        value.consent = Consent(phone: true, sms: false, email: true, wechat: true)
        value.isInternal = true
        value.department = "财务"
        value.organization = "华信"
        value.remarks = "备注"
        value.customFields = ["car": .string("沪A"), "n": .number(0.1), "big": .number(1e21), "i": .number(-3),
                              "s": .string("12")]
        return value
    }

    static func reference(_ text: String) -> CustomerProfile? {
        try? JSONDecoder().decode(CustomerProfile.self, from: Data(text.utf8))
    }

    @Test func readsBothStoredFormsAsTheDecoderDoes() throws {
        var consentOnly = CustomerProfile()
        consentOnly.consent.sms = true
        for value in [CustomerProfile(), Self.everyField, consentOnly] {
            for text in [try StoreJSON.encode(value), try CustomerProfileJSON.encode(value)] {
                let read = CustomerProfileJSON.decode(text)
                #expect(read == value, "\(text)")
                #expect(read == Self.reference(text))
            }
        }
    }

    @Test func agreesWithTheDecoderOnHandWrittenJSON() {
        let texts = [
            #" { "name" : "A\u00e9\ud83d\ude00\/" , "stage" : "at-risk", "unknown": [1, {"x": null}], "tier": null } "#,
            #"{"name":"x","kind":null,"phones":null,"consent":null,"custom_fields":{"a":-0,"b":2.5E-3,"c":"t"}}"#,
            #"{"name":"x","consent":{"phone":true,"sms":false,"email":false,"wechat":false,"extra":1}}"#,
            #"{}"#,
        ]
        for text in texts {
            let read = CustomerProfileJSON.decode(text)
            #expect(read != nil, "\(text)")
            #expect(read == Self.reference(text), "\(text)")
        }
    }

    @Test func leavesToTheDecoderWhatItDoesNotReadExactly() {
        let texts = [
            #"{"name":"x","consent":{"phone":true}}"#,  // the decoder refuses a partial consent
            #"{"name":"x","kind":"robot"}"#,
            #"{"name":"x","stage":"gone"}"#,
            #"{"name":1}"#,
            #"{"name":"x","phones":["a",null]}"#,
            #"{"name":"x","custom_fields":{"a":true}}"#,
            #"{"name":"x","custom_fields":{"a":1e400}}"#,
            #"{"name":"\ud800"}"#,
            #"{"name":"a"#,
            #"{"name":"x",}"#,
            #"{"name":"x"} x"#,
            #"{"internal":0}"#,
            #"{"custom_fields":{"a":012}}"#,
            "{\"name\":\"tab\tinside\"}",
        ]
        for text in texts {
            #expect(CustomerProfileJSON.decode(text) == nil, "\(text)")
        }
    }
}
