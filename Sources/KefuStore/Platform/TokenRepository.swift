public import Foundation
public import KefuCore
import Crypto
import FluentKit
import SQLKit

/// Bearer tokens and web sessions. Only a SHA-256 of each token is stored, so a leaked database
/// does not leak working credentials; every token expires.
public struct TokenRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }
    let cache: TokenCache

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        cache = database.tokenCache
    }

    public enum Kind: String, Sendable { case api, session }

    /// A token as handed to its holder (the only time the clear value exists).
    public struct Issued: Sendable {
        public var token: String
        public var csrfToken: String
        public var expiresAt: Date
    }

    /// The holder of a valid token.
    public struct Holder: Sendable {
        public var user: User
        public var tokenID: UUID
        public var kind: Kind
        public var csrfToken: String?
        public var expiresAt: Date
    }

    struct Row: Codable {
        var id: UUID
        var user_id: UUID
        var token_hash: String
        var kind: String
        var csrf_token: String?
        var expires_at: Date
        var created_at: Date
    }

    public func issue(for userID: UUID, kind: Kind, lifetime: TimeInterval, now: Date) async throws -> Issued {
        let token = Self.randomToken()
        let csrf = Self.randomToken()
        let row = Row(
            id: TimeOrderedID.next(now: now), user_id: userID, token_hash: Self.hash(token), kind: kind.rawValue,
            csrf_token: csrf,
            expires_at: now.addingTimeInterval(lifetime), created_at: now)
        try await db.sqlTransaction { tx in
            // Expired tokens are swept on issue, so the table stays small without a timer.
            try await tx.delete(from: "auth_tokens").where("expires_at", .lessThan, now).run()
            try await tx.insert(into: "auth_tokens").model(row).run()
        }
        return Issued(token: token, csrfToken: csrf, expiresAt: row.expires_at)
    }

    /// The active user holding `token`, or nil when it is unknown, expired, or its user is disabled.
    public func holder(of token: String, now: Date) async throws -> Holder? {
        let hash = Self.hash(token)
        if let cached = cache.holder(forHash: hash, now: now) { return cached }
        guard
            let row = try await db.sql.select().column("*").from("auth_tokens")
                .where("token_hash", .equal, hash).first(decoding: Row.self),
            row.expires_at > now, let kind = Kind(rawValue: row.kind)
        else { return nil }
        let user = try await UserRepository.load(row.user_id, on: db.sql).user()
        guard user.active else { return nil }
        let holder = Holder(
            user: user, tokenID: row.id, kind: kind, csrfToken: row.csrf_token, expiresAt: row.expires_at)
        cache.store(holder, forHash: hash, now: now)
        return holder
    }

    public func revoke(_ token: String) async throws {
        let hash = Self.hash(token)
        try await db.sql.delete(from: "auth_tokens").where("token_hash", .equal, hash).run()
        cache.remove(hash: hash)
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).lowercaseHex
    }

    /// 256 random bits, base64url without padding.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
