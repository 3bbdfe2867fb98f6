import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Many rows of one table written as multi-row `INSERT … VALUES (…), (…)` statements.
///
/// One statement per row costs a parse, a plan and a round trip each; hundreds of rows per
/// statement make an import's cost the rows themselves. Values that are the same in every row
/// (an import's timestamps, an event's kind) are bound once per statement and referenced by
/// number from each row, which both engines allow (`?n` on SQLite, `$n` on PostgreSQL, from
/// the dialect). The statement text depends only on the number of rows, so it is built once per
/// size and reused; building it bind by bind through SQLKit's builders cost more than running it.
struct BulkInsert {
    let table: String
    /// Columns bound per row, in the order `append` takes their values.
    let columns: [String]
    /// Columns with one value for every row.
    let constants: [(column: String, value: any Encodable & Sendable)]
    /// Rows per statement: SQLite allows 32,766 bound values per statement, PostgreSQL 65,535.
    let rowsPerStatement: Int
    /// When set, rows a unique index already holds are skipped (`ON CONFLICT DO NOTHING`) and `flush`
    /// returns this (UUID) column of the rows written, so a caller learns which rows were new.
    let returning: String?
    private(set) var values: [any Encodable & Sendable] = []
    private var texts: [Int: String] = [:]

    init(
        into table: String, columns: [String], constants: [(column: String, value: any Encodable & Sendable)] = [],
        rowsPerStatement: Int = 500, skippingConflictsReturning returning: String? = nil
    ) {
        self.table = table
        self.columns = columns
        self.constants = constants
        self.returning = returning
        self.rowsPerStatement = max(1, min(rowsPerStatement, (30_000 - constants.count) / max(1, columns.count)))
    }

    var rowCount: Int { values.count / columns.count }

    /// Adds one value of the current row; call once per column, in `columns` order.
    mutating func append(_ value: some Encodable & Sendable) {
        values.append(value)
    }

    /// Writes the rows added so far and forgets them; returns the `returning` column of the rows written
    /// (nothing without one).
    @discardableResult
    mutating func flush(on sql: any SQLDatabase) async throws -> [UUID] {
        let width = columns.count
        let written = NIOLockedValueBox<[UUID]>([])
        let column = returning
        var start = 0
        while start < values.count {
            let rows = min(rowsPerStatement, (values.count - start) / width)
            let text = statement(rows: rows, on: sql)
            var binds = constants.map(\.value)
            binds.reserveCapacity(constants.count + rows * width)
            binds += values[start..<start + rows * width]
            try await sql.execute(sql: Prepared(text: text, binds: binds)) { row in
                guard let column, let id = try? row.decode(column: column, as: UUID.self) else { return }
                written.withLockedValue { $0.append(id) }
            }
            start += rows * width
        }
        values.removeAll(keepingCapacity: true)
        return written.withLockedValue { $0 }
    }

    /// `INSERT INTO "t" ("c1", …, "k1", …) VALUES (?3, ?4, ?1, ?2), (?5, ?6, ?1, ?2)…` for `rows` rows.
    private mutating func statement(rows: Int, on sql: any SQLDatabase) -> String {
        if let text = texts[rows] { return text }
        var serializer = SQLSerializer(database: sql)
        let dialect = sql.dialect
        serializer.write("INSERT INTO ")
        SQLIdentifier(table).serialize(to: &serializer)
        serializer.write(" (")
        for (index, name) in (columns + constants.map(\.column)).enumerated() {
            if index > 0 { serializer.write(", ") }
            SQLIdentifier(name).serialize(to: &serializer)
        }
        serializer.write(") VALUES ")
        let constantPlaceholders = (0..<constants.count).map { placeholder(dialect, $0 + 1, sql) }
        var position = constants.count
        for row in 0..<rows {
            serializer.write(row == 0 ? "(" : ", (")
            for index in 0..<columns.count {
                position += 1
                serializer.write((index == 0 ? "" : ", ") + placeholder(dialect, position, sql))
            }
            for text in constantPlaceholders { serializer.write(", " + text) }
            serializer.write(")")
        }
        if let returning {
            serializer.write(" ON CONFLICT DO NOTHING RETURNING ")
            SQLIdentifier(returning).serialize(to: &serializer)
        }
        texts[rows] = serializer.sql
        return serializer.sql
    }

    private func placeholder(_ dialect: any SQLDialect, _ position: Int, _ sql: any SQLDatabase) -> String {
        var serializer = SQLSerializer(database: sql)
        dialect.bindPlaceholder(at: position).serialize(to: &serializer)
        return serializer.sql
    }

    /// A statement whose text is already written, with its binds in placeholder order.
    private struct Prepared: SQLExpression {
        let text: String
        let binds: [any Encodable & Sendable]

        func serialize(to serializer: inout SQLSerializer) {
            serializer.write(text)
            serializer.binds.append(contentsOf: binds)
        }
    }
}
