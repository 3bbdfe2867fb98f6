import Foundation

/// Bounds how many scratch PostgreSQL databases the test process holds at once. Swift Testing
/// starts every test it can; each PostgreSQL test opens up to `poolSize × event loops` connections
/// plus its admin connection, and a slower machine keeps more of them open side by side, until
/// the server's `max_connections` refuses the rest ("too many clients already"). The permits keep
/// the total well below it; `KEFU_TEST_POSTGRES_DATABASES` sets another number.
actor ScratchDatabaseGate {
    static let shared = ScratchDatabaseGate(
        permits: ProcessInfo.processInfo.environment["KEFU_TEST_POSTGRES_DATABASES"].flatMap { Int($0) } ?? 24)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(permits: Int) { free = max(1, permits) }

    /// Runs `body` holding one permit, waiting first for one to be free.
    nonisolated func withPermit<T>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let value = try await body()
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
