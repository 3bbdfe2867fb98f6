public import Foundation

/// A staff account.
public struct User: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var email: String
    public var name: String
    public var role: Role
    public var active: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, email: String, name: String, role: Role, active: Bool, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.active = active
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
