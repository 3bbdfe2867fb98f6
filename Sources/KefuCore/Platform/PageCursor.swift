public import Foundation

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
    public var payload: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(self)) ?? Data()
        return Base64URL.encode(data)
    }

    /// Nil when `payload` is not a cursor's JSON or holds a time no database can take.
    public init?(payload: some StringProtocol) {
        guard let data = Base64URL.decode(payload), let cursor = try? JSONDecoder().decode(PageCursor.self, from: data)
        else { return nil }
        if case .date(let date) = cursor.value, !StorableDate.contains(date) { return nil }
        self = cursor
    }
}
