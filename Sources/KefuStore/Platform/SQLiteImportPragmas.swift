import FluentKit
import SQLKit

/// Connection settings for a large import on SQLite, restored afterwards. Neither touches
/// durability: the journal stays WAL and commits are synced as always.
///
/// - `cache_size`: an import adds to indexes keyed by values in no order (phones, emails, names);
///   with SQLite's default 2 MB cache those pages are evicted, spilled to the WAL mid-transaction
///   and written again, over and over. The cache grows only as pages are used.
/// - `temp_store = MEMORY`: a multi-row `INSERT` keeps a statement journal of the pages it changes
///   (to undo just that statement on a constraint error); on disk that is a write system call per page.
///
/// PostgreSQL manages its own buffers, so there it changes nothing.
enum SQLiteImportPragmas {
    /// The page cache an import asks for: enough for the pages an import keeps changing, and
    /// fixed, so a large file does not grow the process (docs/PERFORMANCE.md › Imports in bounded memory).
    static let cacheKibibytes = 64 * 1024

    private struct CacheSize: Decodable { var cache_size: Int }
    private struct TempStore: Decodable { var temp_store: Int }

    /// Runs `body` with a database for one SQLite connection set up for the import (the settings
    /// are per connection, and `temp_store` cannot change inside a transaction), or with `db`
    /// itself on PostgreSQL. `cacheKibibytes` is the most the page cache may hold meanwhile.
    static func applied<T: Sendable>(
        on db: any Database, cacheKibibytes: Int,
        _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        // Not `withConnection` on PostgreSQL: its driver marks such a handle as already in a
        // transaction, so `transaction` on it would not begin one.
        guard db.sql.engine == .sqlite else { return try await body(db) }
        return try await db.withConnection { connection in
            try await applied(on: connection.sql, cacheKibibytes: cacheKibibytes) { try await body(connection) }
        }
    }

    private static func applied<T: Sendable>(
        on sql: any SQLDatabase, cacheKibibytes: Int,
        _ body: () async throws -> T
    ) async throws -> T {
        let cache = try await sql.raw("PRAGMA cache_size").first(decoding: CacheSize.self)?.cache_size ?? -2_000
        let temp = try await sql.raw("PRAGMA temp_store").first(decoding: TempStore.self)?.temp_store ?? 0
        let restore = { @Sendable in
            try await sql.raw("PRAGMA cache_size = \(unsafeRaw: String(cache))").run()
            try await sql.raw("PRAGMA temp_store = \(unsafeRaw: String(temp))").run()
        }
        try await sql.raw("PRAGMA cache_size = \(unsafeRaw: String(-cacheKibibytes))").run()
        try await sql.raw("PRAGMA temp_store = MEMORY").run()
        do {
            let result = try await body()
            try await restore()
            return result
        } catch {
            try? await restore()
            throw error
        }
    }
}
