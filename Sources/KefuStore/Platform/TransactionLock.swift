import SQLKit

/// Locks held until the caller's transaction ends, by name: two transactions that must not interleave (two
/// submissions from one address, two new customers with one phone) take the same names. On PostgreSQL they are
/// advisory locks; SQLite needs none, since its write transactions begin with the database's one write lock.
enum TransactionLock {
    /// Takes every lock in `names`, in sorted order so that two transactions never wait on each other in a cycle.
    static func take(_ names: [String], on tx: any SQLDatabase) async throws {
        guard tx.engine == .postgres else { return }
        for name in Set(names).sorted() {
            try await tx.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: name)))").run()
        }
    }
}
