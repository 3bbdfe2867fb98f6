public import Foundation

/// Where "now" comes from. The server, the CLI and the store read the time only through one
/// clock, handed down from where the program starts, so tests can fix or step it (SLA clocks and
/// follow-up due dates depend on it).
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    public func now() -> Date { read() }

    /// The system's time.
    public static let system = WallClock { Date() }

    /// Always `date`.
    public static func fixed(_ date: Date) -> WallClock { WallClock { date } }
}
