import Foundation

/// Whole minutes since 1970 on a time zone's wall clock ("local minutes") and on UTC, converted with
/// the rules business hours need across daylight-saving changes: a local time that occurs twice means
/// its first occurrence, and one the clocks jump over means the instant they jump, so an hour that
/// occurs twice counts twice and a skipped one counts zero.
struct ZoneMinutes {
    let zone: TimeZone

    /// Beyond every UTC offset (−12:00 … +14:00): the offsets `margin` either side of a local minute
    /// are the ones in force before and after any change near it.
    static let margin = 15 * 60

    /// The offset from UTC in force at `utcMinute`, in minutes.
    func offset(atUTC utcMinute: Int) -> Int {
        let seconds = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utcMinute) * 60))
        return seconds >= 0 ? seconds / 60 : -((-seconds + 59) / 60)
    }

    func local(ofUTC utcMinute: Int) -> Int { utcMinute + offset(atUTC: utcMinute) }

    /// The offset in force throughout the UTC minutes that `localMinutes` can fall on (so `local − offset`
    /// converts each of them), or nil when it changes there.
    func fixedOffset(around localMinutes: ClosedRange<Int>) -> Int? {
        let before = offset(atUTC: localMinutes.lowerBound - Self.margin)
        return before == offset(atUTC: localMinutes.upperBound + Self.margin) ? before : nil
    }

    /// The UTC minute of `localMinute`: its first occurrence, or the end of the gap it falls in.
    func utc(ofLocal localMinute: Int) -> Int {
        let before = offset(atUTC: localMinute - Self.margin)
        let after = offset(atUTC: localMinute + Self.margin)
        if before == after { return localMinute - before }
        let early = localMinute - before, late = localMinute - after
        switch (offset(atUTC: early) == before, offset(atUTC: late) == after) {
        case (true, true): return min(early, late)
        case (true, false): return early
        case (false, true): return late
        case (false, false):
            // The clocks jumped forward over this time: find the first minute on the new offset.
            var low = min(early, late), high = max(early, late)
            while low < high {
                let middle = low + (high - low) / 2
                if offset(atUTC: middle) == before { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }
}
