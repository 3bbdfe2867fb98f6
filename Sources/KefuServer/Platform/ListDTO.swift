import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `{"items": […], "next_cursor": "…" | null}` — every list in the API.
struct ListDTO<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var items: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor)
    }

    init(items: [Item], nextCursor: String? = nil) {
        self.items = items
        self.nextCursor = nextCursor
    }

    init<Source>(_ page: Page<Source>, cursors: CursorSigner, map: (Source) -> Item) {
        items = page.items.map(map)
        nextCursor = page.nextCursor.map(cursors.token(for:))
    }
}
