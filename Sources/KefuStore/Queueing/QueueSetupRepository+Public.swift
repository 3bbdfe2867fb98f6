public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// What a branch's public queue pages need from its set-up (issue 14 §2): the services they offer and the signed
/// link of the remote join page.
extension QueueSetupRepository {
    /// A branch's services by prefix, all or only the active ones (those its kiosk and join page offer). An unknown
    /// branch is `.notFound`.
    public func services(of branchID: UUID, activeOnly: Bool) async throws -> [QueueService] {
        try await Self.requireBranch(branchID, on: db.sql)
        var query = db.sql.select().column("*").from("queue_services").where("branch_id", .equal, branchID)
        if activeOnly { query = query.where("active", .equal, true) }
        return try await query.orderBy("prefix").all(decoding: QueueRows.Service.self).map(\.service)
    }

    /// How long a join link opens: a year, so a printed poster lasts.
    public static let joinLinkDays = 365.0

    /// A join link as handed to the admin: the only time its token exists in clear.
    public struct JoinLink: Sendable, Equatable {
        public var token: String
        public var expiresAt: Date
    }

    /// A new link to the branch's remote join page (audited). Links made before keep opening until they expire, so
    /// posters already printed go on working.
    public func joinLink(_ branchID: UUID, by attribution: Attribution) async throws -> JoinLink {
        try await writes.write { tx in
            try await Self.requireBranch(branchID, on: tx)
            let expiresAt = attribution.now.addingTimeInterval(Self.joinLinkDays * 24 * 3600)
            let link = try await SignedLinkRepository.issue(
                .queueJoin, subject: branchID, expiresAt: expiresAt, now: attribution.now, on: tx)
            try await AuditLog.record(
                on: tx, attribution, action: "queue.join_link.issue", entityType: "branch",
                entityID: branchID.uuidString, changes: ["join_link": .init(before: nil, after: link.id.uuidString)])
            return JoinLink(token: link.token, expiresAt: expiresAt)
        }
    }

    /// Stops every join link of the branch (a poster taken down or copied where it should not be); new ones can be
    /// made at once. Audited with how many were live.
    public func retireJoinLinks(_ branchID: UUID, by attribution: Attribution) async throws {
        try await writes.write { tx in
            try await Self.requireBranch(branchID, on: tx)
            let live = try await tx.select().column("id").from("signed_links")
                .where("purpose", .equal, SignedLinkPurpose.queueJoin.rawValue).where("subject_id", .equal, branchID)
                .where("revoked_at", .is, SQLLiteral.null).all().count
            try await SignedLinkRepository.revokeAll(.queueJoin, subject: branchID, now: attribution.now, on: tx)
            try await AuditLog.record(
                on: tx, attribution, action: "queue.join_link.retire", entityType: "branch",
                entityID: branchID.uuidString, changes: ["live_join_links": .init(before: String(live), after: "0")])
        }
    }

    /// Checks that `token` opens the join page of `branchID`; a token of another branch or purpose fails as
    /// `SignedLinkFailure.notFound`, an expired one as `.expired`.
    public func checkJoinLink(_ token: String, for branchID: UUID, now: Date) async throws {
        let link = try await SignedLinkRepository.find(token, on: db.sql)
        guard try link.open(for: .queueJoin, now: now) == branchID else { throw SignedLinkFailure.notFound }
    }
}
