import Foundation
@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct MailDateTests {
        let instant = Date(timeIntervalSince1970: 1_796_177_732)  // 2026-12-02 02:15:32 UTC

        @Test func readsTheUsualAndObsoleteForms() {
            for text in [
                "Wed, 2 Dec 2026 10:15:32 +0800", "Wed,  2 Dec 2026 10:15:32 +0800 (CST)", "2 Dec 2026 02:15:32 GMT",
                "Wed, 02 Dec 26 02:15:32 UT", "Tue, 1 Dec 2026 21:15:32 -0500", "Tue, 1 Dec 2026 21:15:32 EST",
                "Wed, 2 DEC 2026 02:15:32",
            ] {
                #expect(MailDate.parse(text) == instant, "\(text)")
            }
            #expect(MailDate.parse("Wed, 2 Dec 2026 02:15 +0000") == instant.addingTimeInterval(-32))
        }

        @Test func refusesWhatIsNotADate() {
            for text in [
                "", "yesterday", "Wed, 31 Feb 2026 10:00:00 +0800", "2026-12-02T10:00:00Z", "2 Dec 2026 25:00:00 +0000",
            ] {
                #expect(MailDate.parse(text) == nil, "\(text)")
            }
        }

        @Test func writesRFC5322() {
            #expect(MailDate.format(instant) == "Wed, 02 Dec 2026 02:15:32 +0000")
            #expect(MailDate.format(instant, utcOffsetMinutes: 480) == "Wed, 02 Dec 2026 10:15:32 +0800")
            #expect(MailDate.format(instant, utcOffsetMinutes: -330) == "Tue, 01 Dec 2026 20:45:32 -0530")
            #expect(MailDate.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
            #expect(MailDate.parse(MailDate.format(instant, utcOffsetMinutes: -330)) == instant)
        }
    }
}
