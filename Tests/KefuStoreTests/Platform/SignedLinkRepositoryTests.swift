import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// Signed public links in the store, on both databases.
@Suite("SignedLinkRepository")
struct SignedLinkRepositoryTests {
    let now = tester.now

    @Test(arguments: Engine.available)
    func aTokenOpensItsSubjectAndIsStoredOnlyAsAHash(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let links = SignedLinkRepository(database)
            let subject = UUID()
            let issued = try await links.issue(.ticketStatus, subject: subject, now: now)
            #expect(SignedLink.isWellFormed(issued.token))
            let link = try await links.resolve(issued.token, for: .ticketStatus, now: now)
            #expect(link.subjectID == subject && link.id == issued.id && !link.singleUse)
            struct Stored: Decodable { var token_hash: String }
            let stored = try await database.db.sql.select().column("token_hash").from("signed_links")
                .all(decoding: Stored.self)
            #expect(stored.map(\.token_hash) == [TokenRepository.hash(issued.token)])
            let other = try await links.issue(.ticketStatus, subject: subject, now: now)
            #expect(other.token != issued.token)
        }
    }

    @Test(arguments: Engine.available)
    func alteredForeignAndRevokedTokensAreNotFound(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let links = SignedLinkRepository(database)
            let issued = try await links.issue(.ticketStatus, subject: UUID(), now: now)
            let altered = String(issued.token.dropLast()) + (issued.token.hasSuffix("A") ? "B" : "A")
            for token in [altered, "", String(repeating: "x", count: 500), issued.token + "A"] {
                await #expect(throws: SignedLinkFailure.notFound) {
                    try await links.resolve(token, for: .ticketStatus, now: now)
                }
            }
            await #expect(throws: SignedLinkFailure.notFound) {
                try await links.resolve(issued.token, for: SignedLinkPurpose(rawValue: "survey"), now: now)
            }
            try await links.revoke(issued.id, now: now)
            try await links.revoke(issued.id, now: now.addingTimeInterval(5))
            await #expect(throws: SignedLinkFailure.notFound) {
                try await links.resolve(issued.token, for: .ticketStatus, now: now)
            }
        }
    }

    @Test(arguments: Engine.available)
    func expiredLinksSayExpiredAndSingleUseLinksAreUsedUpOnce(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let links = SignedLinkRepository(database)
            let survey = SignedLinkPurpose(rawValue: "survey")
            let short = try await links.issue(survey, subject: UUID(), expiresAt: now.addingTimeInterval(60), now: now)
            _ = try await links.resolve(short.token, for: survey, now: now.addingTimeInterval(59))
            await #expect(throws: SignedLinkFailure.expired) {
                try await links.resolve(short.token, for: survey, now: now.addingTimeInterval(60))
            }
            let once = try await links.issue(survey, subject: UUID(), singleUse: true, now: now)
            _ = try await links.resolve(once.token, for: survey, now: now)
            let redeemed = try await links.redeem(once.token, for: survey, now: now)
            #expect(redeemed.usedAt == now)
            await #expect(throws: SignedLinkFailure.used) { try await links.resolve(once.token, for: survey, now: now) }
            await #expect(throws: SignedLinkFailure.used) { try await links.redeem(once.token, for: survey, now: now) }
            let reusable = try await links.issue(survey, subject: UUID(), now: now)
            _ = try await links.redeem(reusable.token, for: survey, now: now)
            _ = try await links.redeem(reusable.token, for: survey, now: now)
        }
    }
}
