import FluentKit
import SQLKit

extension Database {
    /// Both drivers Kefu uses are SQL databases; queries are written with SQLKit.
    var sql: any SQLDatabase { self as! any SQLDatabase }

    /// Runs `body` in one transaction: all of its writes commit together or none do.
    ///
    /// On SQLite the transaction takes the write lock when it begins (`BEGIN IMMEDIATE`). Fluent's
    /// `BEGIN` defers it to the first write, and in WAL mode a transaction that has read and then
    /// finds that another connection (the other pool connection, or `kefu import` in another
    /// process) committed meanwhile cannot write at all: SQLite answers "database is locked" at
    /// once, without waiting. Taken up front, the lock is simply waited for.
    func sqlTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    {
        guard sql.engine == .sqlite, !inTransaction else {
            return try await transaction { tx in try await body(tx.sql) }
        }
        return try await withConnection { connection in
            let sql = connection.sql
            try await sql.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}
