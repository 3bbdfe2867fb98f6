public import Foundation
public import KefuCore

/// A time that tests set and move by hand, read through `clock`.
public final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_900_000_000)) {
        current = start
    }

    public var now: Date {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }

    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }

    public var clock: WallClock { WallClock { [self] in now } }
}
