public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Survey campaigns: one survey sent at once to every live customer of a segment, in one transaction, each
/// invitation with its own single-use link (`campaign:<id>:<customer>` as its source key, so a customer is
/// invited once per campaign). The links exist in clear only in what `create` returns, for the manager to send;
/// the campaign lands in the audit log once.
public struct SurveyCampaignRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }
    private let settings: SettingsRepository

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        settings = SettingsRepository(database)
    }

    /// A campaign just made, with each invitation's link.
    public struct Launched: Sendable {
        public var campaign: SurveyCampaign
        public var links: [Link]

        public struct Link: Sendable, Equatable {
            public var customerID: UUID
            public var invitationID: UUID
            public var path: String
        }
    }

    public static let maxNameLength = 200

    /// Invites the segment to survey `surveyID` (`.notFound` for an unknown survey, 409 for an inactive one, 400
    /// for a blank name or a bad segment).
    public func create(
        surveyID: UUID, name: String, segment: SurveySegment, by attribution: Attribution
    ) async throws -> Launched {
        let business = try await settings.get()
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        if name.isEmpty || name.count > Self.maxNameLength {
            errors.append(
                FieldError(field: "name", code: "required", message: "Name the campaign (1–200 characters)."))
        }
        var checked = segment
        do throws(ValidationFailure) {
            checked = try segment.validated(tiers: business.tiers)
        } catch {
            errors += error.errors
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        let members = checked
        return try await db.sqlTransaction { tx in
            let survey = try await SurveyRepository.load(surveyID, on: tx)
            try SurveyInvitationRepository.checkActive(survey)
            let id = TimeOrderedID.next(now: attribution.now)
            try await tx.insert(into: "survey_campaigns").columns(
                "id", "survey_id", "name", "segment", "created_by", "created_at"
            ).values(
                SQLBind(id), SQLBind(surveyID), SQLBind(name), SQLBind(try StoreJSON.encode(members)),
                SQLBind(attribution.userID), SQLBind(attribution.now)
            ).run()
            var links: [Launched.Link] = []
            for customer in try await Self.members(of: members, on: tx, now: attribution.now) {
                guard
                    let issued = try await SurveyInvitationRepository.insert(
                        survey, .init(customerID: customer),
                        sourceKey: "campaign:\(id.uuidString):\(customer.uuidString)",
                        campaignID: id, expiryDays: business.surveys.linkExpiryDays, on: tx, by: attribution)
                else { continue }
                links.append(.init(customerID: customer, invitationID: issued.invitation.id, path: issued.path))
            }
            try await AuditLog.record(
                on: tx, attribution, action: "survey_campaign.created", entityType: "survey_campaign",
                entityID: id.uuidString,
                changes: [
                    "survey_id": .init(before: nil, after: surveyID.uuidString),
                    "invited": .init(before: nil, after: String(links.count)),
                ])
            return Launched(
                campaign: SurveyCampaign(
                    id: id, surveyID: surveyID, name: name, segment: members, invited: links.count,
                    createdAt: attribution.now),
                links: links)
        }
    }

    /// The survey's campaigns, newest first, with how many were invited and have answered.
    public func list(surveyID: UUID) async throws -> [SurveyCampaign] {
        _ = try await SurveyRepository.load(surveyID, on: db.sql)
        return try await Self.rates(where: "c.survey_id = \(bind: surveyID)", invitations: nil, on: db.sql).map(
            \.campaign)
    }

    /// The campaigns `condition` (on `c`, the campaigns) picks, newest first, each with its survey's title and how
    /// many of its invitations — those `invitations` (on `i`) picks, all when nil — were made and answered.
    static func rates(where condition: SQLQueryString, invitations: SQLQueryString?, on sql: any SQLDatabase)
        async throws -> [(campaign: SurveyCampaign, survey: String)]
    {
        struct Row: Decodable {
            var id: UUID
            var survey_id: UUID
            var name: String
            var segment: String
            var created_at: Date
            var title: String
            var invited: Int
            var answered: Int
        }
        let picked: SQLQueryString = invitations.map { " AND " + $0 } ?? ""
        return try await sql.raw(
            """
            SELECT c.id, c.survey_id, c.name, c.segment, c.created_at, s.title, COUNT(i.id) AS invited,
            COUNT(i.answered_at) AS answered
            FROM survey_campaigns c JOIN surveys s ON s.id = c.survey_id
            LEFT JOIN survey_invitations i ON i.campaign_id = c.id\(picked)
            WHERE \(condition)
            GROUP BY c.id, c.survey_id, c.name, c.segment, c.created_at, s.title ORDER BY c.created_at DESC, c.id DESC
            """
        ).all(decoding: Row.self).map { row in
            let campaign = SurveyCampaign(
                id: row.id, surveyID: row.survey_id, name: row.name,
                segment: try StoreJSON.decode(SurveySegment.self, from: row.segment), invited: row.invited,
                answered: row.answered, createdAt: row.created_at)
            return (campaign, row.title)
        }
    }

    /// The live customers of `segment`, oldest first.
    static func members(of segment: SurveySegment, on sql: any SQLDatabase, now: Date) async throws -> [UUID] {
        var query = CustomerQuery()
        query.tier = segment.tier
        query.tag = segment.tag
        query.branchID = segment.branchID
        query.stage = segment.stage
        var select = CustomerRepository.applyFilters(
            query,
            to: sql.select().column("id").from("customers").where("deleted_at", .is, SQLLiteral.null)
                .where("merged_into", .is, SQLLiteral.null),
            plan: .planner, includeText: false)
        if let days = segment.purchasedWithinDays {
            let since = now.addingTimeInterval(-TimeInterval(days) * 86_400)
            select = select.where(
                SQLQueryString(
                    """
                    customers.id IN (SELECT customer_id FROM purchases \
                    WHERE refund_of IS NULL AND purchased_at >= \(bind: since))
                    """))
        }
        struct Row: Decodable { var id: UUID }
        return try await select.orderBy("created_at").orderBy("id").all(decoding: Row.self).map(\.id)
    }
}
