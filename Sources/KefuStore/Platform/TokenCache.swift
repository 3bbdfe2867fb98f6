import Foundation
import NIOConcurrencyHelpers

/// Recently verified tokens of this process, so an authenticated request does not cost two
/// queries. Entries live `lifetime` seconds; revoking a token or changing a user clears what this
/// process cached at once. Another instance sharing the database sees such a change within
/// `lifetime` seconds.
final class TokenCache: Sendable {
    private struct Entry {
        var holder: TokenRepository.Holder
        var checkedAt: Date
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    let lifetime: TimeInterval
    let capacity: Int

    init(lifetime: TimeInterval = 10, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func holder(forHash hash: String, now: Date) -> TokenRepository.Holder? {
        entries.withLockedValue { entries in
            guard let entry = entries[hash] else { return nil }
            guard now.timeIntervalSince(entry.checkedAt) < lifetime, entry.holder.expiresAt > now else {
                entries[hash] = nil
                return nil
            }
            return entry.holder
        }
    }

    func store(_ holder: TokenRepository.Holder, forHash hash: String, now: Date) {
        entries.withLockedValue { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = Entry(holder: holder, checkedAt: now)
        }
    }

    func remove(hash: String) {
        _ = entries.withLockedValue { $0.removeValue(forKey: hash) }
    }

    func removeAll() {
        entries.withLockedValue { $0.removeAll() }
    }
}
