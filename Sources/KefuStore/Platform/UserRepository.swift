public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Staff accounts. Passwords arrive already hashed (bcrypt, in the server), never in clear.
public struct UserRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }
    private let tokenCache: TokenCache

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        tokenCache = database.tokenCache
    }

    struct Row: Codable {
        var id: UUID
        var email: String
        var name: String
        var role: String
        var password_hash: String
        var active: Bool
        var locale: String?
        var created_at: Date
        var updated_at: Date

        func user() throws -> User {
            guard let role = Role(rawValue: role) else {
                throw StoreError.corrupt("User \(id) has unknown role \(role)")
            }
            return User(
                id: id, email: email, name: name, role: role, active: active, createdAt: created_at,
                updatedAt: updated_at)
        }
    }

    /// What may change on an account; nil leaves a field as it is.
    public struct Changes: Sendable {
        public var name: String?
        public var role: Role?
        public var active: Bool?
        public var passwordHash: String?
        public init(name: String? = nil, role: Role? = nil, active: Bool? = nil, passwordHash: String? = nil) {
            self.name = name
            self.role = role
            self.active = active
            self.passwordHash = passwordHash
        }
    }

    public func create(email: String, name: String, role: Role, passwordHash: String, by attribution: Attribution)
        async throws -> User
    {
        let (normalized, name) = try UserRules.validate(email: email, name: name)
        return try await db.sqlTransaction { tx in
            if let existing = try await Self.find(email: normalized, on: tx) {
                throw DomainError.conflict(
                    message: "\(normalized) already has an account.", field: "email", conflictingID: existing.id)
            }
            let row = Row(
                id: TimeOrderedID.next(now: attribution.now), email: normalized, name: name, role: role.rawValue,
                password_hash: passwordHash,
                active: true, locale: nil, created_at: attribution.now, updated_at: attribution.now)
            try await tx.insert(into: "users").model(row).run()
            try await AuditLog.record(
                on: tx, attribution, action: "user.create", entityType: "user", entityID: row.id.uuidString,
                changes: [
                    "email": .init(before: nil, after: normalized), "role": .init(before: nil, after: role.rawValue),
                ])
            return try row.user()
        }
    }

    public func update(_ id: UUID, _ changes: Changes, by attribution: Attribution) async throws -> User {
        let name = try changes.name.map(UserRules.validate(name:))
        let updated = try await db.sqlTransaction { tx in
            var row = try await Self.load(id, on: tx)
            let before = try row.user()
            if let name { row.name = name }
            if let role = changes.role { row.role = role.rawValue }
            if let active = changes.active { row.active = active }
            if let hash = changes.passwordHash { row.password_hash = hash }
            row.updated_at = attribution.now
            try await tx.update("users").set(model: row).where("id", .equal, id).run()
            if changes.active == false || changes.passwordHash != nil {
                try await tx.delete(from: "auth_tokens").where("user_id", .equal, id).run()
            }
            var audit: [String: AuditEntry.FieldChange] = [:]
            let after = try row.user()
            if before.name != after.name { audit["name"] = .init(before: before.name, after: after.name) }
            if before.role != after.role {
                audit["role"] = .init(before: before.role.rawValue, after: after.role.rawValue)
            }
            if before.active != after.active {
                audit["active"] = .init(before: "\(before.active)", after: "\(after.active)")
            }
            if changes.passwordHash != nil { audit["password"] = .init(before: "***", after: "***") }
            try await AuditLog.record(
                on: tx, attribution, action: "user.update", entityType: "user", entityID: id.uuidString, changes: audit)
            return after
        }
        // Cached holders carry the user's role and state: forget them all.
        tokenCache.removeAll()
        return updated
    }

    public func get(_ id: UUID) async throws -> User { try await Self.load(id, on: db.sql).user() }

    public func list(limit: Int, cursor: PageCursor?) async throws -> KefuCore.Page<User> {
        try await db.sql.select().column("*").from("users")
            .page(
                Row.self, column: "email", descending: false, limit: limit, cursor: cursor,
                key: { PageCursor(value: .text($0.email), id: $0.id) }, map: { try $0.user() })
    }

    /// Every account, by name: staff is a short list, which pickers, imports and exports name users from.
    public func all() async throws -> [User] { try await Self.all(on: db.sql) }

    static func all(on sql: any SQLDatabase) async throws -> [User] {
        try await sql.select().column("*").from("users").orderBy("name").orderBy("email").all(decoding: Row.self)
            .map { try $0.user() }
    }

    /// The account and its password hash, for logging in; nil when unknown.
    public func credentials(email: String) async throws -> (user: User, passwordHash: String)? {
        guard let normalized = EmailAddress.normalize(email),
            let row = try await Self.find(email: normalized, on: db.sql)
        else { return nil }
        return (try row.user(), row.password_hash)
    }

    public func count() async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await db.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users")
            .first(decoding: Count.self)?.n ?? 0
    }

    static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> Row {
        guard
            let row = try await sql.select().column("*").from("users").where("id", .equal, id).first(decoding: Row.self)
        else { throw DomainError.notFound(entity: "user", id: id.uuidString) }
        return row
    }

    static func find(email: String, on sql: any SQLDatabase) async throws -> Row? {
        try await sql.select().column("*").from("users").where("email", .equal, email).first(decoding: Row.self)
    }
}
