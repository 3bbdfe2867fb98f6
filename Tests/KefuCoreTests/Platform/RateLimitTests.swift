import Foundation
import KefuCore
import Testing

@Suite("Rate limit")
struct RateLimitTests {
    let now = Date(timeIntervalSince1970: 1_900_000_000)
    let hourly = RateLimit(limit: 3, window: 3600)

    func ago(_ seconds: TimeInterval) -> Date { now.addingTimeInterval(-seconds) }

    @Test func allowsUpToTheLimitWithinTheWindow() {
        #expect(hourly.retryAfter(recent: [], now: now) == nil)
        #expect(hourly.retryAfter(recent: [ago(10), ago(20)], now: now) == nil)
        #expect(hourly.retryAfter(recent: [ago(10), ago(20), ago(3600)], now: now) == nil)
    }

    @Test func aFullWindowWaitsUntilItsOldestCountedEventLeaves() {
        #expect(hourly.retryAfter(recent: [ago(10), ago(1000), ago(20)], now: now) == 2600)
        #expect(hourly.retryAfter(recent: [ago(3599.5), ago(1), ago(2)], now: now) == 1)
        // Only the newest `limit` decide: the fourth, older one has no say.
        #expect(hourly.retryAfter(recent: [ago(1), ago(2), ago(3), ago(5)], now: now) == 3597)
    }

    @Test func aZeroLimitRefusesEverything() {
        #expect(RateLimit(limit: 0, window: 60).retryAfter(recent: [], now: now) == 60)
    }
}
