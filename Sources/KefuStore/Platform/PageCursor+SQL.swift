import Foundation
import KefuCore
import SQLKit

/// FluentKit has a `Page` of its own; every list here is KefuCore's.
typealias Page = KefuCore.Page

extension PageCursor {
    /// Restricts `query` to rows after this cursor in (column, id) order, as one row-value
    /// comparison, which both engines answer by seeking in the (column, id) index; an `OR` of
    /// "greater, or equal with a greater id" made them read every row before the cursor (an
    /// export of 1,000,000 imported customers, which share one `created_at`, took 8 minutes).
    ///
    /// The comparison needs a time exactly as stored, which a `Date` read back does not give
    /// (SQLiteNIO rounds it to microseconds, PostgresNIO truncates a bound one). So the stored time
    /// of the cursor's own row is used when that row still has (within half a millisecond) the
    /// cursor's time, and the cursor's time otherwise (the row was changed or removed meanwhile).
    func apply(to query: SQLSelectBuilder, column: String, descending: Bool) -> SQLSelectBuilder {
        let op = SQLRaw(descending ? "<" : ">")
        switch value {
        case .text(let text):
            return query.where(SQLQueryString("(\(ident: column), id) \(op) (\(bind: text), \(bind: id))"))
        case .date(let date):
            // The table the query reads (every paged query reads one).
            let table = query.select.tables[0]
            return query.where(
                SQLQueryString(
                    """
                    (\(ident: column), id) \(op) (COALESCE((SELECT \(ident: column) FROM \(table) \
                    WHERE id = \(bind: id) \
                    AND \(ident: column) > \(bind: date.addingTimeInterval(-0.0005)) \
                    AND \(ident: column) < \(bind: date.addingTimeInterval(0.0005))), \(bind: date)), \(bind: id))
                    """))
        }
    }
}

extension SQLSelectBuilder {
    /// Runs the query as one keyset page ordered by (column, id): resumes after `cursor`, fetches
    /// one extra row to know whether a next page exists, and maps rows to items.
    func page<Row: Decodable, Item>(
        _ rowType: Row.Type, column: String, descending: Bool, limit: Int, cursor: PageCursor?,
        key: (Row) -> PageCursor, map: (Row) throws -> Item
    ) async throws -> Page<Item> {
        var query = self
        if let cursor { query = cursor.apply(to: query, column: column, descending: descending) }
        let direction: SQLDirection = descending ? .descending : .ascending
        let rows = try await query.orderBy(column, direction).orderBy("id", direction).limit(limit + 1)
            .all(decoding: Row.self)
        let kept = rows.prefix(limit)
        let next = rows.count > limit ? kept.last.map(key) : nil
        return Page(items: try kept.map(map), nextCursor: next)
    }
}
