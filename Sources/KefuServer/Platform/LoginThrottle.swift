import Foundation

/// Limits password guessing without letting one person lock others out.
///
/// Failures count per (account, client address) pair: the first `freeFailures` are checked at
/// once, then each further attempt waits twice as long after the last failure (1 s, 2 s, 4 s, …),
/// and at most `pairLimit` wrong passwords per pair are checked in `window`. A looser ceiling,
/// `addressLimit` failures per address across all accounts, stops one address from trying many
/// accounts; below it, failures against other accounts never block a correct password. A success
/// clears its pair.
///
/// An attempt is reserved — counted as a failure — before the password is hashed, inside this
/// actor, so a burst of parallel guesses cannot all pass the check before any is recorded.
actor LoginThrottle {
    struct Limits: Sendable {
        var pairLimit = 10
        var addressLimit = 100
        var freeFailures = 5
        var window: TimeInterval = 15 * 60
    }

    /// A reserved attempt: report its outcome with `succeeded(_:)`, or leave it counted as a failure.
    struct Attempt: Sendable {
        fileprivate let pair: String
        fileprivate let address: String
        fileprivate let at: Date
    }

    let limits: Limits
    private var pairs: [String: [Date]] = [:]
    private var addresses: [String: [Date]] = [:]
    private var reservations = 0

    init(_ limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Reserves an attempt for `account` from `address`, or returns the seconds to wait first.
    func reserve(account: String, address: String, now: Date) -> Result<Attempt, Wait> {
        sweepNow(now)
        let pair = account + "\u{1F}" + address
        let fromAddress = recent(addresses[address], now)
        let forPair = recent(pairs[pair], now)
        var wait: TimeInterval = 0
        if fromAddress.count >= limits.addressLimit, let oldest = fromAddress.first {
            wait = max(wait, limits.window - now.timeIntervalSince(oldest))
        }
        if forPair.count >= limits.pairLimit, let oldest = forPair.first {
            wait = max(wait, limits.window - now.timeIntervalSince(oldest))
        } else if forPair.count >= limits.freeFailures, let last = forPair.last {
            let delay = pow(2, Double(forPair.count - limits.freeFailures))
            wait = max(wait, delay - now.timeIntervalSince(last))
        }
        if wait > 0 { return .failure(Wait(seconds: Int(wait.rounded(.up)))) }
        pairs[pair] = forPair + [now]
        addresses[address] = fromAddress + [now]
        return .success(Attempt(pair: pair, address: address, at: now))
    }

    /// The password was right: the pair starts afresh and the attempt no longer counts for the address.
    func succeeded(_ attempt: Attempt) {
        pairs[attempt.pair] = nil
        if let index = addresses[attempt.address]?.lastIndex(of: attempt.at) {
            addresses[attempt.address]?.remove(at: index)
        }
    }

    struct Wait: Error, Sendable {
        var seconds: Int
    }

    private func recent(_ times: [Date]?, _ now: Date) -> [Date] {
        (times ?? []).filter { now.timeIntervalSince($0) < limits.window }
    }

    /// Forgets expired failures now and then, so guesses at many accounts cannot grow memory forever.
    private func sweepNow(_ now: Date) {
        reservations += 1
        guard reservations % 1_000 == 0 else { return }
        let keep = { (times: [Date]) -> [Date]? in
            let kept = self.recent(times, now)
            return kept.isEmpty ? nil : kept
        }
        pairs = pairs.compactMapValues(keep)
        addresses = addresses.compactMapValues(keep)
    }
}
