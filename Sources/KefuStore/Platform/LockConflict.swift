import PostgresNIO

/// Whether `error` is PostgreSQL giving up a statement to break a cycle of waits (deadlock_detected, 40P01) or a
/// serialization failure (40001): nothing was wrong with the write, it lost a race with another server's
/// transaction and succeeds when written again after that one ends. SQLite has one writer, and neither.
func isLockConflict(_ error: any Error) -> Bool {
    guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
    return state == "40P01" || state == "40001"
}
