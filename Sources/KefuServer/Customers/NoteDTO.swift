import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A note as JSON.
struct NoteDTO: ResponseEncodable, Sendable {
    var id: UUID
    var customer_id: UUID
    var body: String
    var author_id: UUID?
    var created_at: Date

    init(_ note: Note) {
        id = note.id
        customer_id = note.customerID
        body = note.body
        author_id = note.authorID
        created_at = note.createdAt
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(id, forKey: .init("id"))
        try c.encode(customer_id, forKey: .init("customer_id"))
        try c.encode(body, forKey: .init("body"))
        try c.encode(author_id, forKey: .init("author_id"))
        try c.encode(created_at, forKey: .init("created_at"))
    }
}
