import Foundation
import KefuCore
import Testing

@Suite struct RFC3339Tests {
    @Test func readsTimesWithAnOffset() {
        #expect(RFC3339.date("2026-01-30T17:00:00+08:00") == Date(timeIntervalSince1970: 1_769_763_600))
        #expect(RFC3339.date("2026-01-30T09:00:00Z") == Date(timeIntervalSince1970: 1_769_763_600))
        #expect(RFC3339.date("2026-01-30t09:00:00z") == Date(timeIntervalSince1970: 1_769_763_600))
        #expect(RFC3339.date("2026-01-30T04:00:00-05:00") == Date(timeIntervalSince1970: 1_769_763_600))
        #expect(RFC3339.date("2026-01-30T09:00:00.25Z") == Date(timeIntervalSince1970: 1_769_763_600.25))
        #expect(RFC3339.date("2026-01-30T14:30:00.5+05:30") == Date(timeIntervalSince1970: 1_769_763_600.5))
        #expect(RFC3339.date("2026-01-30T09:00:00-00:00") == Date(timeIntervalSince1970: 1_769_763_600))
    }

    @Test func readsAFractionOfAnyLengthAsOneRoundedNumber() {
        #expect(RFC3339.date("1970-01-01T00:00:00.1Z") == Date(timeIntervalSince1970: 0.1))
        #expect(RFC3339.date("1970-01-01T00:00:00.123456789Z") == Date(timeIntervalSince1970: 0.123456789))
        #expect(
            RFC3339.date("2026-01-30T09:00:00.000000000000000000001Z") == Date(timeIntervalSince1970: 1_769_763_600))
    }

    /// RFC 3339 §5.8's own examples: a leap second is the first instant of the next day.
    @Test func readsALeapSecondAt2359UTCOnly() {
        let newYear1991 = Date(timeIntervalSince1970: 662_688_000)
        #expect(RFC3339.date("1990-12-31T23:59:60Z") == newYear1991)
        #expect(RFC3339.date("1990-12-31T15:59:60-08:00") == newYear1991)
        #expect(RFC3339.date("1990-12-31T23:58:60Z") == nil)
        #expect(RFC3339.date("1990-12-31T15:59:60Z") == nil)
        #expect(RFC3339.date("1990-12-31T23:59:61Z") == nil)
    }

    @Test func refusesAnythingElse() {
        for text in [
            "2026-01-30T17:00:00", "2026-01-30", "2026-01-30 17:00:00+08:00", "2026-01-30T17:00+08:00",
            "2026-01-30T17:00:00+0800", "2026-02-30T17:00:00Z", "2026-01-30T24:00:00Z", "2026-01-30T17:00:00.Z",
            "2026-01-30T17:00:00Z ", "1769763600", "", "2026-01-30T17:00:00+08:00:00", "10000-01-01T00:00:00Z",
        ] {
            #expect(RFC3339.date(text) == nil, "\(text)")
        }
    }

    @Test func writesUTCToTheSecond() {
        #expect(RFC3339.utc(Date(timeIntervalSince1970: 1_770_004_800)) == "2026-02-02T04:00:00Z")
        #expect(RFC3339.utc(Date(timeIntervalSince1970: 59.9)) == "1970-01-01T00:00:59Z")
        #expect(RFC3339.utc(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }
}
