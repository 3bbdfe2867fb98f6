public import Foundation
import KefuCore
import SQLKit

/// One page of a keyset-paginated list; `nextCursor` is nil on the last page.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: PageCursor?

    public init(items: [Item], nextCursor: PageCursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// Where the previous page ended: the sort value and the id of its last row. Opaque to clients
/// (signed base64url JSON, see `CursorSigner`), stable under inserts, and O(log n) to resume from
/// with the sort index.
public struct PageCursor: Codable, Sendable, Equatable {
    public enum Value: Codable, Sendable, Equatable {
        case text(String)
        case date(Date)
    }

    public var value: Value
    public var id: UUID

    public init(value: Value, id: UUID) {
        self.value = value
        self.id = id
    }

    /// The cursor as base64url JSON; the same cursor always gives the same text (keys sorted).
    /// Clients only ever see it signed (`CursorSigner`).
    var payload: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(self)) ?? Data()
        return Base64URL.encode(data)
    }

    /// Nil when `payload` is not a cursor's JSON or holds a time no database can take.
    init?(payload: some StringProtocol) {
        guard let data = Base64URL.decode(payload), let cursor = try? JSONDecoder().decode(PageCursor.self, from: data)
        else { return nil }
        if case .date(let date) = cursor.value, !StorableDate.contains(date) { return nil }
        self = cursor
    }

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
            return query.where(SQLQueryString("""
                (\(ident: column), id) \(op) (COALESCE((SELECT \(ident: column) FROM \(table) WHERE id = \(bind: id) \
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
