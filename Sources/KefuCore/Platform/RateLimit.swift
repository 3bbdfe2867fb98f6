public import Foundation

/// At most `limit` accepted events per key (a client address) in any `window`: a sliding window, so a burst at the
/// turn of the hour cannot double the allowance as fixed buckets would.
public struct RateLimit: Sendable, Equatable {
    public var limit: Int
    public var window: TimeInterval

    public init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Nil when one more event is allowed at `now`; else the whole seconds (at least 1) until enough of the counted
    /// events have left the window. `recent` holds the key's events within the window, in any order; the newest
    /// `limit` of them are enough.
    public func retryAfter(recent: [Date], now: Date) -> Int? {
        let inWindow = recent.filter { now.timeIntervalSince($0) < window }.sorted()
        guard inWindow.count >= limit else { return nil }
        guard limit > 0 else { return Int(window.rounded(.up)) }
        let leaving = inWindow[inWindow.count - limit]
        return max(1, Int((leaving.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
    }
}

/// Refused by a `RateLimit`: 429 with `Retry-After`.
public struct RateLimitExceeded: Error, Sendable, Equatable {
    public var retryAfter: Int

    public init(retryAfter: Int) { self.retryAfter = retryAfter }
}
