import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A staff account as JSON (never its password hash).
struct UserDTO: ResponseEncodable, Sendable {
    var user: User

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(user.id, forKey: .init("id"))
        try c.encode(user.email, forKey: .init("email"))
        try c.encode(user.name, forKey: .init("name"))
        try c.encode(user.role, forKey: .init("role"))
        try c.encode(user.active, forKey: .init("active"))
        try c.encode(user.createdAt, forKey: .init("created_at"))
        try c.encode(user.updatedAt, forKey: .init("updated_at"))
    }
}
