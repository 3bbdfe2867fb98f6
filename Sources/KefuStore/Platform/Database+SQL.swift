import FluentKit
import SQLKit

extension Database {
    /// Both drivers Kefu uses are SQL databases; queries are written with SQLKit.
    var sql: any SQLDatabase { self as! any SQLDatabase }

    /// Runs `body` in one transaction: all of its writes commit together or none do.
    func sqlTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction { tx in try await body(tx.sql) }
    }
}
