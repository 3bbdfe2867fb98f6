import Foundation
import KefuCore
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
        let cache = SettingsCache(lifetime: 2)
        let reads = Reads()
        let start = Date(timeIntervalSince1970: 1_900_000_000)
        #expect(try await cache.settings(now: start) { reads.read() }.tiers == ["VIP"])
        reads.tiers = ["gold"]
        #expect(try await cache.settings(now: start.addingTimeInterval(1.9)) { reads.read() }.tiers == ["VIP"])
        #expect(reads.count == 1)
        #expect(try await cache.settings(now: start.addingTimeInterval(2)) { reads.read() }.tiers == ["gold"])
        reads.tiers = ["standard"]
        cache.clear()
        #expect(try await cache.settings(now: start.addingTimeInterval(2.1)) { reads.read() }.tiers == ["standard"])
        #expect(reads.count == 3)
    }
}
