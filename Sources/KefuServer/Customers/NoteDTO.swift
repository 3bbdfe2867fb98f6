import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A note as JSON.
struct NoteDTO: FieldsDTO {
    var note: Note

    init(_ note: Note) { self.note = note }

    var fields: KeyValuePairs<String, any Encodable> {
        [
            "id": note.id, "customer_id": note.customerID, "body": note.body, "author_id": note.authorID,
            "created_at": note.createdAt,
        ]
    }
}
