import Foundation

/// Ids for the customers and timeline events of one import: UUID version 7 (RFC 9562) with the
/// import's start time and a counter taken from the row's line (RFC 9562 §6.2, method 1).
///
/// Random version-4 ids land all over every index keyed by them (the primary keys, the
/// identities' and tags' `customer_id`), so a large import rewrites pages across the whole file;
/// ids that ascend in file order append to the end of those indexes instead, which is most of
/// what makes a million-row import fit in seconds. The low 32 bits are random per import, so two
/// imports started in the same millisecond still get different ids.
struct ImportIDs: Sendable {
    private let millis: UInt64
    private let seed: UInt64

    init(now: Date = Date()) {
        millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var generator = SystemRandomNumberGenerator()
        seed = generator.next()
    }

    /// The id of the customer a row creates.
    func customer(line: Int) -> UUID { make(counter: UInt64(line) << 1) }

    /// The id of that customer's `customer.imported` timeline event.
    func event(line: Int) -> UUID { make(counter: UInt64(line) << 1 | 1) }

    /// 48 bits of time, version 7, 42 bits of counter around the variant bits, 32 random bits.
    private func make(counter: UInt64) -> UUID {
        let random = Self.mix(seed &+ counter)
        return UUID(uuid: (
            UInt8(truncatingIfNeeded: millis >> 40), UInt8(truncatingIfNeeded: millis >> 32),
            UInt8(truncatingIfNeeded: millis >> 24), UInt8(truncatingIfNeeded: millis >> 16),
            UInt8(truncatingIfNeeded: millis >> 8), UInt8(truncatingIfNeeded: millis),
            0x70 | UInt8(truncatingIfNeeded: counter >> 38) & 0x0F, UInt8(truncatingIfNeeded: counter >> 30),
            0x80 | UInt8(truncatingIfNeeded: counter >> 24) & 0x3F, UInt8(truncatingIfNeeded: counter >> 16),
            UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter),
            UInt8(truncatingIfNeeded: random >> 24), UInt8(truncatingIfNeeded: random >> 16),
            UInt8(truncatingIfNeeded: random >> 8), UInt8(truncatingIfNeeded: random)))
    }

    /// SplitMix64's finaliser: spreads the counter over the random bits without a system call per id.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
