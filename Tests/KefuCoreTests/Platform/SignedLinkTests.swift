import Foundation
import KefuCore
import Testing

@Suite("Signed links")
struct SignedLinkTests {
    let now = Date(timeIntervalSince1970: 1_900_000_000)
    let subject = UUID()

    func link(expiresIn: TimeInterval? = nil, singleUse: Bool = false, used: Bool = false, revoked: Bool = false)
        -> SignedLink
    {
        SignedLink(
            id: UUID(), purpose: .ticketStatus, subjectID: subject, createdAt: now.addingTimeInterval(-60),
            expiresAt: expiresIn.map { now.addingTimeInterval($0) }, singleUse: singleUse,
            usedAt: used ? now.addingTimeInterval(-1) : nil, revokedAt: revoked ? now.addingTimeInterval(-1) : nil)
    }

    @Test func aLiveLinkOpensItsSubjectForItsPurposeOnly() throws {
        #expect(try link().open(for: .ticketStatus, now: now) == subject)
        #expect(try link(expiresIn: 1).open(for: .ticketStatus, now: now) == subject)
        #expect(throws: SignedLinkFailure.notFound) {
            try link().open(for: SignedLinkPurpose(rawValue: "survey"), now: now)
        }
    }

    @Test func revokedIsNotFoundExpiredIsExpiredAndUsedIsUsed() {
        #expect(throws: SignedLinkFailure.notFound) { try link(revoked: true).open(for: .ticketStatus, now: now) }
        #expect(throws: SignedLinkFailure.expired) { try link(expiresIn: 0).open(for: .ticketStatus, now: now) }
        #expect(throws: SignedLinkFailure.used) {
            try link(expiresIn: -10, singleUse: true, used: true).open(for: .ticketStatus, now: now)
        }
        #expect(throws: SignedLinkFailure.notFound) {
            try link(singleUse: true, used: true, revoked: true).open(for: .ticketStatus, now: now)
        }
    }

    @Test func onlyTokenShapedTextIsLookedUp() {
        #expect(SignedLink.isWellFormed(String(repeating: "A", count: 42) + "_"))
        #expect(!SignedLink.isWellFormed(String(repeating: "A", count: 42)))
        #expect(!SignedLink.isWellFormed(String(repeating: "A", count: 42) + "/"))
        #expect(!SignedLink.isWellFormed(String(repeating: "A", count: 4000)))
    }
}
