import Foundation
import KefuCore
import Testing

@Suite struct KeyContactTests {
    @Test func validatedTrimsTextAndNormalizesContacts() throws {
        var contact = KeyContactProfile()
        contact.name = "  李总 "
        contact.title = " 总经理 "
        contact.interests = "   "
        contact.phones = ["138 0013 8000"]
        contact.emails = ["Li@Example.com"]
        let valid = try contact.validated(phoneRegion: "CN")
        #expect(valid.name == "李总")
        #expect(valid.title == "总经理")
        #expect(valid.interests == nil)
        #expect(valid.phones == ["+8613800138000"])
        #expect(valid.emails == ["li@example.com"])
    }

    @Test func reportsEveryProblemAtOnce() {
        var contact = KeyContactProfile()
        contact.phones = ["123"]
        contact.emails = ["not-an-email"]
        #expect {
            try contact.validated(phoneRegion: "CN")
        } throws: { error in
            (error as? ValidationFailure)?.errors.map(\.field) == ["name", "phones[0]", "emails[0]"]
        }
    }

    @Test func decodesWithDefaultsAndSnakeCaseKeys() throws {
        let json = #"{"name": "Ms Chen", "topics_to_raise": "golf", "personality": "owl"}"#
        let contact = try JSONDecoder().decode(KeyContactProfile.self, from: Data(json.utf8))
        #expect(contact.name == "Ms Chen")
        #expect(contact.topicsToRaise == "golf")
        #expect(contact.personality == .owl)
        #expect(contact.phones.isEmpty && contact.emails.isEmpty)
    }

    @Test func encodesAndDecodesTheSameProfile() throws {
        var contact = KeyContactProfile()
        contact.name = "张伟"
        contact.topicsToAvoid = "politics"
        contact.phones = ["+8613800138000"]
        let data = try JSONEncoder().encode(contact)
        #expect(try JSONDecoder().decode(KeyContactProfile.self, from: data) == contact)
    }
}
