import Foundation
import KefuCore
import SQLKit

/// Counts accepted events in the database (`rate_limit_events`), so a `RateLimit` holds across every instance
/// sharing it. The count and the new event are written in the caller's transaction: an event that is rolled
/// back (bad input found later, a failed insert) was never accepted and does not count.
enum RateLimiter {
    /// Records one event of `key` in `bucket`, or throws `RateLimitExceeded` and records nothing.
    static func admit(
        _ key: String, bucket: String, under limit: RateLimit, now: Date, on tx: any SQLDatabase
    ) async throws {
        try await TransactionLock.take(["rate:\(bucket):\(key)"], on: tx)
        try await tx.delete(from: "rate_limit_events").where("bucket", .equal, bucket)
            .where("occurred_at", .lessThanOrEqual, now.addingTimeInterval(-limit.window)).run()
        struct Event: Decodable { var occurred_at: Date }
        let recent = try await tx.select().column("occurred_at").from("rate_limit_events")
            .where("bucket", .equal, bucket).where("client_key", .equal, key)
            .orderBy("occurred_at", .descending).limit(max(limit.limit, 1))
            .all(decoding: Event.self).map(\.occurred_at)
        if let wait = limit.retryAfter(recent: recent, now: now) { throw RateLimitExceeded(retryAfter: wait) }
        try await tx.insert(into: "rate_limit_events").columns("id", "bucket", "client_key", "occurred_at")
            .values(SQLBind(TimeOrderedID.next(now: now)), SQLBind(bucket), SQLBind(key), SQLBind(now)).run()
    }
}
