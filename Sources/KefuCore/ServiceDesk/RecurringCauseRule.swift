public import Foundation

/// When a root cause counts as recurring (004: analyse complaints for causes that keep coming back):
/// `count` complaints or more with that cause within `days` days of each other, i.e. in some span of
/// time shorter than `days` × 24 hours. Both figures are business settings.
public struct RecurringCauseRule: Sendable, Equatable {
    public var count: Int
    public var days: Int

    public init(count: Int = 3, days: Int = 30) {
        self.count = count
        self.days = days
    }

    /// The densest cluster of `dates`: the most of them inside one window, and when the first and the
    /// last of those fell (the earliest such window when several tie). Nil for no dates.
    public func peak(_ dates: [Date]) -> (count: Int, first: Date, last: Date)? {
        let sorted = dates.sorted()
        guard let first = sorted.first else { return nil }
        let span = TimeInterval(days) * 24 * 60 * 60
        var best = (count: 1, first: first, last: first)
        var start = 0
        for end in sorted.indices {
            while sorted[end].timeIntervalSince(sorted[start]) >= span { start += 1 }
            if end - start + 1 > best.count { best = (end - start + 1, sorted[start], sorted[end]) }
        }
        return best
    }

    /// True when the densest cluster of `dates` reaches `count`.
    public func isRecurring(_ dates: [Date]) -> Bool { (peak(dates)?.count ?? 0) >= count }
}
