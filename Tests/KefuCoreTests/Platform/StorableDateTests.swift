import Foundation
import KefuCore
import Testing

@Suite struct StorableDateTests {
    @Test func yearsOneToNineThousandNineHundredNinetyNineAreStorable() {
        #expect(StorableDate.contains(Date(timeIntervalSince1970: 0)))
        #expect(StorableDate.contains(StorableDate.earliest))
        #expect(StorableDate.contains(StorableDate.latest))
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        #expect(utc.component(.year, from: StorableDate.earliest) == 1)
        #expect(utc.component(.year, from: StorableDate.latest) == 9999)
    }

    @Test(arguments: [
        1e13, -1e13, 253_402_300_800, -62_135_596_801, Double.infinity, -Double.infinity, Double.nan,
        Double.greatestFiniteMagnitude,
    ])
    func othersAreNot(seconds: Double) {
        #expect(!StorableDate.contains(secondsSince1970: seconds))
    }
}
