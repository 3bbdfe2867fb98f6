import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// `CustomerProfileJSON.decode` must give exactly what `JSONDecoder` gives, or nil.
@Suite("Stored profile reader")
struct CustomerProfileJSONDecodeTests {
    static func reference(_ text: String) -> CustomerProfile? {
        try? JSONDecoder().decode(CustomerProfile.self, from: Data(text.utf8))
    }

    @Test func readsBothStoredFormsAsTheDecoderDoes() throws {
        var consentOnly = CustomerProfile()
        consentOnly.consent.sms = true
        for value in [CustomerProfile(), CustomerProfile.everyFieldFixture, consentOnly] {
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
