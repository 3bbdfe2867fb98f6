import Foundation
import KefuCore
import NIOConcurrencyHelpers

/// The business settings as this process last read them, for `lifetime` seconds. Every customer
/// create and most pages need the rules (tiers, custom fields, phone region); reading the row each
/// time costs a query. Saving settings through this process clears it at once; another instance
/// sharing the database sees a change within `lifetime` seconds.
final class SettingsCache: Sendable {
    private let entry = NIOLockedValueBox<(settings: BusinessSettings, readAt: Date)?>(nil)
    let lifetime: TimeInterval
    let clock: WallClock

    init(lifetime: TimeInterval = 2, clock: WallClock) {
        self.lifetime = lifetime
        self.clock = clock
    }

    func settings(read: () async throws -> BusinessSettings) async throws -> BusinessSettings {
        let now = clock.now()
        if let cached = entry.withLockedValue({ $0 }), now.timeIntervalSince(cached.readAt) < lifetime {
            return cached.settings
        }
        let settings = try await read()
        entry.withLockedValue { $0 = (settings, now) }
        return settings
    }

    func clear() {
        entry.withLockedValue { $0 = nil }
    }
}
