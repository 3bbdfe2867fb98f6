public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Signed public links, once for every page a customer opens without a password (ticket status, surveys, queue
/// tickets, member pages). A token is 256 random bits from the system's CSPRNG; only its SHA-256 is stored, so a
/// leaked database opens no page. A link opens only for its purpose and can be revoked, expire or be used up.
public struct SignedLinkRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
    }

    /// A link as handed to its holder: the only time the token exists in clear.
    public struct Issued: Sendable, Equatable {
        public var id: UUID
        public var token: String
    }

    struct Row: Codable {
        var id: UUID
        var purpose: String
        var subject_id: UUID
        var token_hash: String
        var single_use: Bool
        var created_at: Date
        var expires_at: Date?
        var used_at: Date?
        var revoked_at: Date?

        var link: SignedLink {
            SignedLink(
                id: id, purpose: SignedLinkPurpose(rawValue: purpose), subjectID: subject_id, createdAt: created_at,
                expiresAt: expires_at, singleUse: single_use, usedAt: used_at, revokedAt: revoked_at)
        }
    }

    /// A new link opening `subject` for `purpose`; nil `expiresAt` keeps it valid until revoked.
    public func issue(
        _ purpose: SignedLinkPurpose, subject: UUID, expiresAt: Date? = nil, singleUse: Bool = false, now: Date
    ) async throws -> Issued {
        try await Self.issue(
            purpose, subject: subject, expiresAt: expiresAt, singleUse: singleUse, now: now, on: db.sql)
    }

    /// The link `token` opens for `purpose`, or `SignedLinkFailure`: unknown, altered or revoked → `notFound`,
    /// past its expiry → `expired`, a single-use link already used → `used`. Uses nothing up.
    public func resolve(_ token: String, for purpose: SignedLinkPurpose, now: Date) async throws -> SignedLink {
        let link = try await Self.find(token, on: db.sql)
        _ = try link.open(for: purpose, now: now)
        return link
    }

    /// Like `resolve`, and a single-use link is used up by it: of two concurrent redeems, one gets `used`.
    public func redeem(_ token: String, for purpose: SignedLinkPurpose, now: Date) async throws -> SignedLink {
        var link = try await resolve(token, for: purpose, now: now)
        guard link.singleUse else { return link }
        let claimed = try await db.sql.raw(
            """
            UPDATE signed_links SET used_at = \(bind: now)
            WHERE id = \(bind: link.id) AND used_at IS NULL AND revoked_at IS NULL RETURNING id
            """
        ).first()
        guard claimed != nil else { throw SignedLinkFailure.used }
        link.usedAt = now
        return link
    }

    /// Stops the link from opening anything; revoking it again changes nothing.
    public func revoke(_ id: UUID, now: Date) async throws {
        try await db.sql.update("signed_links").set("revoked_at", to: now).where("id", .equal, id)
            .where("revoked_at", .is, SQLLiteral.null).run()
    }

    static func issue(
        _ purpose: SignedLinkPurpose, subject: UUID, expiresAt: Date? = nil, singleUse: Bool = false, now: Date,
        on sql: any SQLDatabase
    ) async throws -> Issued {
        let token = TokenRepository.randomToken()
        let row = Row(
            id: TimeOrderedID.next(now: now), purpose: purpose.rawValue, subject_id: subject,
            token_hash: TokenRepository.hash(token), single_use: singleUse, created_at: now, expires_at: expiresAt)
        try await sql.insert(into: "signed_links").model(row).run()
        return Issued(id: row.id, token: token)
    }

    /// Revokes every live link of `subject` for `purpose`, in the caller's transaction (before issuing its
    /// replacement).
    static func revokeAll(
        _ purpose: SignedLinkPurpose, subject: UUID, now: Date, on sql: any SQLDatabase
    ) async throws {
        try await sql.update("signed_links").set("revoked_at", to: now).where("purpose", .equal, purpose.rawValue)
            .where("subject_id", .equal, subject).where("revoked_at", .is, SQLLiteral.null).run()
    }

    /// The stored link of `token`, whatever its state; text that is not a token is not looked up.
    static func find(_ token: String, on sql: any SQLDatabase) async throws -> SignedLink {
        guard SignedLink.isWellFormed(token),
            let row = try await sql.select().column("*").from("signed_links")
                .where("token_hash", .equal, TokenRepository.hash(token)).first(decoding: Row.self)
        else { throw SignedLinkFailure.notFound }
        return row.link
    }
}
