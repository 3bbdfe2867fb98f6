import KefuCore
import Testing

@Suite struct ContactPointsTests {
    @Test func normalizesAndDeduplicates() {
        let result = ContactPoints.normalize(
            phones: ["13800138000", "+86 138 0013 8000", " "], emails: ["A@x.com", "a@x.com"], phoneRegion: "CN")
        #expect(result.phones == ["+8613800138000"])
        #expect(result.emails == ["a@x.com"])
        #expect(result.errors.isEmpty)
    }

    @Test func reportsEachBadEntryWithItsIndex() {
        let result = ContactPoints.normalize(
            phones: ["13800138000", "12"], emails: ["nope", "ok@x.com", "@"], phoneRegion: "CN")
        #expect(result.errors.map(\.field) == ["phones[1]", "emails[0]", "emails[2]"])
        #expect(result.errors.map(\.code) == ["invalid_phone", "invalid_email", "invalid_email"])
        #expect(result.phones == ["+8613800138000"])
        #expect(result.emails == ["ok@x.com"])
    }
}
