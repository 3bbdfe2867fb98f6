import Foundation
import KefuCore

/// Ids for the customers and timeline events of one import: `TimeOrderedID`s with the import's
/// start time and a counter taken from the row's line (RFC 9562 §6.2, method 1).
///
/// Random version-4 ids land all over every index keyed by them (the primary keys, the
/// identities' and tags' `customer_id`), so a large import rewrites pages across the whole file;
/// ids that ascend in file order append to the end of those indexes instead. The low 32 bits are
/// random per import, so two imports started in the same millisecond still get different ids.
struct ImportIDs: Sendable {
    private let millis: UInt64
    private let seed: UInt64

    init(now: Date) {
        millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var generator = SystemRandomNumberGenerator()
        seed = generator.next()
    }

    /// The id of the customer a row creates.
    func customer(line: Int) -> UUID { make(counter: UInt64(line) << 1) }

    /// The id of that customer's `customer.imported` timeline event.
    func event(line: Int) -> UUID { make(counter: UInt64(line) << 1 | 1) }

    /// The random bits are SplitMix64's first output from `seed + counter`: well spread, without a system call per id.
    private func make(counter: UInt64) -> UUID {
        var bits = SplitMix(seed: seed &+ counter)
        return TimeOrderedID.make(millis: millis, counter: counter, random: UInt32(truncatingIfNeeded: bits.next()))
    }
}
