import Foundation
import NIOConcurrencyHelpers

/// Ids for new rows: UUID version 7 (RFC 9562), whose first 48 bits are the time in milliseconds.
///
/// Random version-4 ids land anywhere in every index keyed by them (primary keys, and the
/// `customer_id` of identities, tags, notes and timeline events), so each commit dirties pages all
/// over the file and writes them again; ids that ascend with time append to the right-hand end of
/// those indexes instead. Within one process the ids strictly ascend (a counter within the
/// millisecond, RFC 9562 §6.2 method 1); 32 random bits keep processes that share a database apart.
enum TimeOrderedID {
    private static let last = NIOLockedValueBox<(millis: UInt64, counter: UInt64)>((0, 0))

    /// A new id, later than every id this process made before.
    static func next(now: Date) -> UUID {
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        let stamp = last.withLockedValue { last -> (millis: UInt64, counter: UInt64) in
            if millis > last.millis {
                last = (millis, 0)
            } else if last.counter < counterLimit {
                last.counter += 1
            } else {
                // 2^42 ids within one millisecond: borrow the next millisecond.
                last = (last.millis + 1, 0)
            }
            return last
        }
        var generator = SystemRandomNumberGenerator()
        return make(millis: stamp.millis, counter: stamp.counter, random: UInt32(truncatingIfNeeded: generator.next()))
    }

    static let counterLimit: UInt64 = 1 << 42 - 1

    /// 48 bits of time, version 7, 42 bits of counter around the variant bits, then 32 random bits.
    static func make(millis: UInt64, counter: UInt64, random: UInt32) -> UUID {
        UUID(
            uuid: (
                UInt8(truncatingIfNeeded: millis >> 40), UInt8(truncatingIfNeeded: millis >> 32),
                UInt8(truncatingIfNeeded: millis >> 24), UInt8(truncatingIfNeeded: millis >> 16),
                UInt8(truncatingIfNeeded: millis >> 8), UInt8(truncatingIfNeeded: millis),
                0x70 | UInt8(truncatingIfNeeded: counter >> 38) & 0x0F, UInt8(truncatingIfNeeded: counter >> 30),
                0x80 | UInt8(truncatingIfNeeded: counter >> 24) & 0x3F, UInt8(truncatingIfNeeded: counter >> 16),
                UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter),
                UInt8(truncatingIfNeeded: random >> 24), UInt8(truncatingIfNeeded: random >> 16),
                UInt8(truncatingIfNeeded: random >> 8), UInt8(truncatingIfNeeded: random)
            ))
    }
}
