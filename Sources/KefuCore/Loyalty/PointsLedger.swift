public import Foundation

/// The arithmetic of the points ledger (issue 15 §2), pure so that its invariants are property-tested: what a
/// purchase earns, which lots a redemption or an expiry draws on, and what a refund takes back.
public enum PointsLedger {
    /// A lot of points still (partly) unspent.
    public struct Lot: Sendable, Equatable {
        public var id: UUID
        public var remaining: Int
        /// The last local day its points can be used.
        public var expiresOn: CalendarDay
        public var earnedAt: Date

        public init(id: UUID, remaining: Int, expiresOn: CalendarDay, earnedAt: Date) {
            self.id = id
            self.remaining = remaining
            self.expiresOn = expiresOn
            self.earnedAt = earnedAt
        }
    }

    /// floor(total / 100 × points per unit × the tier's multiplier), in exact decimal arithmetic so that a
    /// multiplier such as 0.7 never loses a point to binary rounding; a refund or a zero total earns nothing.
    public static func earned(total: Int, pointsPerUnit: Int, multiplier: Double) -> Int {
        guard total > 0, pointsPerUnit > 0, multiplier > 0,
            let factor = Decimal(string: String(multiplier), locale: Locale(identifier: "en_US_POSIX"))
        else { return 0 }
        var exact = Decimal(total) * Decimal(pointsPerUnit) * factor / 100
        var floored = Decimal()
        NSDecimalRound(&floored, &exact, 0, .down)
        return NSDecimalNumber(decimal: floored).intValue
    }

    /// The last day points earned on `day` can be used: `validDays` days later.
    public static func expiry(earnedOn day: CalendarDay, validDays: Int) -> CalendarDay {
        day.adding(days: validDays)
    }

    /// Which lots `points` are drawn from: the earliest expiry first, then the earliest earned, then by id —
    /// never a lot expired before `today`. `shortfall` is what the lots could not cover.
    public static func draw(_ points: Int, from lots: [Lot], today: CalendarDay) -> (
        draws: [PointsDraw], shortfall: Int
    ) {
        var left = max(points, 0)
        var draws: [PointsDraw] = []
        let usable = lots.filter { $0.remaining > 0 && $0.expiresOn >= today }.sorted {
            ($0.expiresOn, $0.earnedAt, $0.id.uuidString) < ($1.expiresOn, $1.earnedAt, $1.id.uuidString)
        }
        for lot in usable where left > 0 {
            let taken = min(lot.remaining, left)
            draws.append(PointsDraw(lotID: lot.id, points: taken))
            left -= taken
        }
        return (draws, left)
    }

    /// The points a refund takes back: of the `earned` points of a purchase of `total`, the share the refunds
    /// so far (`refunded`, this one included, as a positive amount) make of it, less what earlier refunds took
    /// back (`reversed`). All refunds together take back exactly what the purchase earned.
    public static func reversal(earned: Int, total: Int, refunded: Int, reversed: Int) -> Int {
        guard earned > 0, total > 0 else { return 0 }
        let share = min(refunded, total)
        // Exact in integers: earned × share ≤ earned × total, far below Int.max for any real purchase.
        let due = share >= total ? earned : earned * share / total
        return max(due - reversed, 0)
    }
}
