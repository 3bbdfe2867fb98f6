import Foundation
import KefuCore
import Testing

@Suite struct CustomerProfileTests {
    @Test func decodingFillsDefaultsForMissingKeys() throws {
        let profile = try JSONDecoder().decode(CustomerProfile.self, from: Data(#"{"name": "王小明"}"#.utf8))
        #expect(profile.name == "王小明")
        #expect(profile.kind == .person)
        #expect(profile.stage == .new)
        #expect(profile.gender == .unspecified)
        #expect(profile.phones.isEmpty && profile.emails.isEmpty && profile.tags.isEmpty)
        #expect(profile.consent == Consent())
        #expect(!profile.isInternal)
        #expect(profile.tier == nil && profile.branchID == nil && profile.customFields.isEmpty)
    }

    @Test func decodingAcceptsHyphenatedStage() throws {
        let profile = try JSONDecoder().decode(CustomerProfile.self, from: Data(#"{"stage": "at-risk"}"#.utf8))
        #expect(profile.stage == .atRisk)
    }

    @Test func decodingRejectsUnknownStage() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CustomerProfile.self, from: Data(#"{"stage": "gone"}"#.utf8))
        }
    }

    @Test func decodesSnakeCaseKeys() throws {
        let json = #"""
            {"branch_id": "8C1E8B0A-6A43-4E4B-9F3E-2B4F1B9C0D11", "source_channel": "wechat", "internal": true,
             "custom_fields": {"car": "Model Y", "visits": 3}, "kind": "organization"}
            """#
        let profile = try JSONDecoder().decode(CustomerProfile.self, from: Data(json.utf8))
        #expect(profile.branchID == UUID(uuidString: "8C1E8B0A-6A43-4E4B-9F3E-2B4F1B9C0D11"))
        #expect(profile.sourceChannel == "wechat")
        #expect(profile.isInternal)
        #expect(profile.kind == .organization)
        #expect(profile.customFields == ["car": .string("Model Y"), "visits": .number(3)])
    }

    @Test func encodesStageAsCanonicalRawValueAndRoundTrips() throws {
        var profile = CustomerProfile()
        profile.name = "Acme"
        profile.stage = .atRisk
        profile.consent.sms = true
        let data = try JSONEncoder().encode(profile)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["stage"] as? String == "at_risk")
        #expect(object["branch_id"] is NSNull)
        #expect(try JSONDecoder().decode(CustomerProfile.self, from: data) == profile)
    }
}
