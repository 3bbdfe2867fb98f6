import Foundation
import KefuCore
import KefuTestSupport
@testable import KefuStore
import Testing

@Suite("Settings cache")
struct SettingsCacheTests {
    final class Reads: @unchecked Sendable {
        var count = 0
        var tiers = ["VIP"]
        func read() -> BusinessSettings {
            count += 1
            var settings = BusinessSettings()
            settings.tiers = tiers
            return settings
        }
    }

    @Test func servesWhatItReadForItsLifetimeAndRereadsAfterwardsOrWhenCleared() async throws {
        let time = TestClock()
        let cache = SettingsCache(lifetime: 2, clock: time.clock)
        let reads = Reads()
        #expect(try await cache.settings { reads.read() }.tiers == ["VIP"])
        reads.tiers = ["gold"]
        time.advance(by: 1.9)
        #expect(try await cache.settings { reads.read() }.tiers == ["VIP"])
        #expect(reads.count == 1)
        time.advance(by: 0.1)
        #expect(try await cache.settings { reads.read() }.tiers == ["gold"])
        reads.tiers = ["standard"]
        cache.clear()
        time.advance(by: 0.1)
        #expect(try await cache.settings { reads.read() }.tiers == ["standard"])
        #expect(reads.count == 3)
    }
}
