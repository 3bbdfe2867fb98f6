import Foundation
@testable import KefuStore
import Testing

@Suite("Time-ordered row ids")
struct TimeOrderedIDTests {
    @Test func layoutIsUUIDVersion7WithTimeFirst() {
        let id = TimeOrderedID.make(millis: 0x0123_4567_89AB, counter: 0, random: 0xDEAD_BEEF)
        #expect(id.uuidString == "01234567-89AB-7000-8000-0000DEADBEEF")
        let last = TimeOrderedID.make(millis: 0, counter: TimeOrderedID.counterLimit, random: 0)
        #expect(last.uuidString == "00000000-0000-7FFF-BFFF-FFFF00000000")
    }

    @Test func idsAscendAsTextEvenWhenTheClockDoesNot() {
        let now = Date()
        let times = (0..<2_000).map { now.addingTimeInterval(Double($0 % 7) * -0.001) }
        let ids = times.map { TimeOrderedID.next(now: $0).uuidString }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { Array($0)[14] == "7" })
    }

    @Test func aLaterMillisecondSortsAfter() {
        let first = TimeOrderedID.next(now: Date(timeIntervalSince1970: 1_900_000_000))
        let second = TimeOrderedID.next(now: Date(timeIntervalSince1970: 1_900_000_001))
        #expect(first.uuidString < second.uuidString)
    }
}
