/// What `within` throws when the operation did not finish in time.
public struct TimedOut: Error, CustomStringConvertible {
    public let what: String
    public var description: String { "timed out waiting for \(what)" }
}

/// `operation`'s result, or `TimedOut` after `limit`: a generous bound on a wait that depends on another task or
/// server (a live update, a stream), so a lost event fails the test instead of hanging the run. Never a measurement.
public func within<T: Sendable>(
    _ what: String, limit: Duration = .seconds(60), _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimedOut(what: what)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw TimedOut(what: what) }
        return first
    }
}
