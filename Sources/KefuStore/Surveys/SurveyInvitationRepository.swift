public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Survey invitations: each asks one customer to answer one survey, through a single-use signed link
/// (`/s/{token}`) that expires after `SurveySettings.linkExpiryDays` and can be revoked. The invitation lands on
/// the customer's timeline (`survey.invited`).
public struct SurveyInvitationRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
    }

    /// An invitation as handed out: the only time its token exists in clear.
    public struct Issued: Sendable, Equatable {
        public var invitation: SurveyInvitation
        public var token: String

        /// The public page that answers it.
        public var path: String { Self.path(token) }

        public static func path(_ token: String) -> String { "/s/" + token }
    }

    /// What an invitation is about: a ticket and/or a follow-up task of the same customer.
    public struct Subject: Sendable, Equatable {
        public var customerID: UUID
        public var ticketID: UUID?
        public var followUpTaskID: UUID?

        public init(customerID: UUID, ticketID: UUID? = nil, followUpTaskID: UUID? = nil) {
            self.customerID = customerID
            self.ticketID = ticketID
            self.followUpTaskID = followUpTaskID
        }
    }

    /// Invites the subject's customer to survey `surveyID` (`.notFound` for an unknown survey; a 409 for an
    /// inactive one; a 400 naming `customer_id` or `ticket_id` for a customer that does not exist or a ticket
    /// of another customer).
    public func invite(_ surveyID: UUID, _ subject: Subject, by attribution: Attribution) async throws -> Issued {
        try await db.sqlTransaction { tx in
            let survey = try await SurveyRepository.load(surveyID, on: tx)
            guard let issued = try await Self.invite(survey, subject, sourceKey: nil, on: tx, by: attribution)
            else { throw StoreError.corrupt("An invitation without a source key was refused as a duplicate") }
            return issued
        }
    }

    /// The invitation, on the caller's transaction; nil when `sourceKey` was used before (the automatic CSAT
    /// of a ticket is made once).
    static func invite(
        _ survey: Survey, _ subject: Subject, sourceKey: String?, on tx: any SQLDatabase, by attribution: Attribution
    ) async throws -> Issued? {
        try checkActive(survey)
        try await checkSubject(subject, on: tx)
        let days = try await SettingsRepository.read(on: tx).surveys.linkExpiryDays
        guard
            let issued = try await insert(
                survey, subject, sourceKey: sourceKey, campaignID: nil, expiryDays: days, on: tx, by: attribution)
        else { return nil }
        try await AuditLog.record(
            on: tx, attribution, action: "survey_invitation.created", entityType: "survey_invitation",
            entityID: issued.invitation.id.uuidString,
            changes: ["survey_id": .init(before: nil, after: survey.id.uuidString)])
        return issued
    }

    static func checkActive(_ survey: Survey) throws {
        guard survey.active else {
            throw DomainError.conflict(
                message: "The survey is inactive; activate it before inviting anyone.", field: nil, conflictingID: nil)
        }
    }

    /// The invitation, its link and its timeline event, for a subject already checked; nil when `sourceKey` was
    /// used before.
    static func insert(
        _ survey: Survey, _ subject: Subject, sourceKey: String?, campaignID: UUID?, expiryDays days: Int,
        on tx: any SQLDatabase, by attribution: Attribution
    ) async throws -> Issued? {
        let now = attribution.now
        let expiresAt = now.addingTimeInterval(TimeInterval(days) * 86_400)
        let id = TimeOrderedID.next(now: now)
        let link = try await SignedLinkRepository.issue(
            .survey, subject: id, expiresAt: expiresAt, singleUse: true, now: now, on: tx)
        let row = SurveyInvitationRow(
            id: id, survey_id: survey.id, customer_id: subject.customerID, ticket_id: subject.ticketID,
            follow_up_task_id: subject.followUpTaskID, link_id: link.id, source_key: sourceKey,
            campaign_id: campaignID, created_by: attribution.userID, created_at: now, expires_at: expiresAt)
        let inserted = try await tx.insert(into: "survey_invitations").model(row).ignoringConflicts(with: "source_key")
            .returning("id").all()
        guard !inserted.isEmpty else {
            try await SignedLinkRepository.revokeAll(.survey, subject: id, now: now, on: tx)
            return nil
        }
        try await Timeline.append(
            on: tx, customerID: subject.customerID, kind: SurveyEventKind.invited,
            summary: "Survey invitation: \(survey.title)",
            data: ["survey_id": survey.id.uuidString, "invitation_id": id.uuidString], attribution: attribution)
        return Issued(invitation: row.invitation, token: link.token)
    }

    /// Stops the invitation's link from opening (a forged and a revoked link look alike: 404). An answered
    /// invitation is a 409: its answer stays.
    public func revoke(_ id: UUID, by attribution: Attribution) async throws {
        try await db.sqlTransaction { tx in
            let row = try await Self.load(id, on: tx)
            if row.answered_at != nil {
                throw DomainError.conflict(
                    message: "The invitation has been answered already.", field: nil, conflictingID: nil)
            }
            guard row.revoked_at == nil else { return }
            try await tx.update("signed_links").set("revoked_at", to: attribution.now).where("id", .equal, row.link_id)
                .run()
            try await tx.update("survey_invitations").set("revoked_at", to: attribution.now).where("id", .equal, id)
                .run()
            try await AuditLog.record(
                on: tx, attribution, action: "survey_invitation.revoked", entityType: "survey_invitation",
                entityID: id.uuidString, changes: ["revoked_at": .init(before: nil, after: "revoked")])
        }
    }

    /// Invitations, newest first; nil members do not narrow.
    public func list(
        surveyID: UUID? = nil, customerID: UUID? = nil, ticketID: UUID? = nil, limit: Int, cursor: PageCursor?
    ) async throws -> KefuCore.Page<SurveyInvitation> {
        var query = db.sql.select().column("*").from("survey_invitations")
        if let surveyID { query = query.where("survey_id", .equal, surveyID) }
        if let customerID { query = query.where("customer_id", .equal, customerID) }
        if let ticketID { query = query.where("ticket_id", .equal, ticketID) }
        return try await query.page(
            SurveyInvitationRow.self, column: "created_at", descending: true, limit: limit, cursor: cursor,
            key: { PageCursor(value: .date($0.created_at), id: $0.id) }, map: { $0.invitation })
    }

    public func get(_ id: UUID) async throws -> SurveyInvitation {
        try await Self.load(id, on: db.sql).invitation
    }

    /// What a link opens: the invitation and its survey; `SignedLinkFailure` for a link that does not open
    /// (`.used` once answered). Uses nothing up.
    public func open(_ token: String, now: Date) async throws -> (SurveyInvitation, Survey) {
        try await Self.open(token, now: now, on: db.sql)
    }

    static func open(_ token: String, now: Date, on sql: any SQLDatabase) async throws -> (SurveyInvitation, Survey) {
        let link = try await SignedLinkRepository.find(token, on: sql)
        let id = try link.open(for: .survey, now: now)
        guard
            let row = try await sql.select().column("*").from("survey_invitations").where("id", .equal, id)
                .first(decoding: SurveyInvitationRow.self)
        else { throw SignedLinkFailure.notFound }
        return (row.invitation, try await SurveyRepository.load(row.survey_id, on: sql))
    }

    static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> SurveyInvitationRow {
        guard
            let row = try await sql.select().column("*").from("survey_invitations").where("id", .equal, id)
                .first(decoding: SurveyInvitationRow.self)
        else { throw DomainError.notFound(entity: "survey_invitation", id: id.uuidString) }
        return row
    }

    /// The customer must be live, the ticket and the task the customer's own.
    private static func checkSubject(_ subject: Subject, on tx: any SQLDatabase) async throws {
        var errors: [FieldError] = []
        do {
            _ = try await CustomerRepository.load(subject.customerID, on: tx)
        } catch DomainError.notFound, DomainError.merged {
            errors.append(FieldError(field: "customer_id", code: "unknown_customer", message: "No such customer."))
        }
        struct Owner: Decodable { var customer_id: UUID }
        let references = [
            ("tickets", "ticket_id", "unknown_ticket", "No such ticket of this customer.", subject.ticketID),
            (
                "follow_up_tasks", "follow_up_task_id", "unknown_follow_up", "No such follow-up of this customer.",
                subject.followUpTaskID
            ),
        ]
        for (table, field, code, message, id) in references {
            guard let id else { continue }
            let owner = try await tx.select().column("customer_id").from(table).where("id", .equal, id)
                .first(decoding: Owner.self)
            if owner?.customer_id != subject.customerID {
                errors.append(FieldError(field: field, code: code, message: message))
            }
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
    }
}

/// The timeline kinds of surveys.
public enum SurveyEventKind {
    public static let invited = "survey.invited"
    public static let answered = "survey.answered"
}
