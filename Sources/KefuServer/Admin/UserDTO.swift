import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A staff account as JSON (never its password hash).
struct UserDTO: FieldsDTO {
    var user: User

    var fields: KeyValuePairs<String, any Encodable> {
        [
            "id": user.id, "email": user.email, "name": user.name, "role": user.role, "active": user.active,
            "created_at": user.createdAt, "updated_at": user.updatedAt,
        ]
    }
}
