public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Survey answers: storing one (once per invitation, whatever a customer or a network does with the form) with
/// its timeline event, its relationship-health event and, for a bad score, service recovery — all in one
/// transaction — and listing them.
public struct SurveyResponseRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
    }

    /// Stores `answer` (read against the link's survey) for the invitation `token` opens. The link is used up in
    /// the same transaction, so of two posts one stores and the other gets `SignedLinkFailure.used`; a link that
    /// does not open throws its `SignedLinkFailure` and stores nothing.
    public func record(
        _ answer: SurveyAnswer, token: String, language: String, by attribution: Attribution
    ) async throws -> SurveyResponse {
        let now = attribution.now
        return try await db.sqlTransaction { tx in
            let (invitation, survey) = try await SurveyInvitationRepository.open(token, now: now, on: tx)
            let claimed = try await tx.raw(
                """
                UPDATE signed_links SET used_at = \(bind: now)
                WHERE purpose = \(bind: SignedLinkPurpose.survey.rawValue) AND subject_id = \(bind: invitation.id)
                AND used_at IS NULL AND revoked_at IS NULL RETURNING id
                """
            ).first()
            guard claimed != nil else { throw SignedLinkFailure.used }
            let service = try await Self.service(of: invitation, on: tx)
            let response = SurveyResponse(
                id: TimeOrderedID.next(now: now), surveyID: survey.id, invitationID: invitation.id,
                customerID: invitation.customerID, ticketID: invitation.ticketID,
                followUpTaskID: invitation.followUpTaskID, kind: survey.kind, answer: answer, language: language,
                createdAt: now)
            try await tx.insert(into: "survey_responses").model(
                SurveyResponseRow(
                    id: response.id, survey_id: survey.id, invitation_id: invitation.id,
                    customer_id: invitation.customerID, ticket_id: invitation.ticketID,
                    follow_up_task_id: invitation.followUpTaskID, kind: survey.kind.rawValue, score: answer.score,
                    reason: answer.reason, answers: try StoreJSON.encode(answer.answers), language: language,
                    branch_id: service.branchID, team_id: service.teamID, agent_id: service.agentID, created_at: now)
            ).run()
            try await tx.update("survey_invitations").set("answered_at", to: now).where("id", .equal, invitation.id)
                .run()
            var data = ["survey_id": survey.id.uuidString, "response_id": response.id.uuidString]
            if let score = answer.score { data["score"] = String(score) }
            try await Timeline.append(
                on: tx, customerID: invitation.customerID, kind: SurveyEventKind.answered,
                summary: "Survey answered: \(survey.title)"
                    + (answer.score.map { " (\(SurveyRecovery.scoreText(survey.kind, $0)))" } ?? ""),
                data: data, attribution: attribution)
            if let score = answer.score {
                if let kind = survey.kind.healthEvent(score: score) {
                    try await HealthLedger.record(
                        [
                            HealthLedger.Entry(
                                customerID: invitation.customerID, kind: kind, at: now,
                                source: "survey_response:\(response.id.uuidString)")
                        ], on: tx, now: now)
                }
                if survey.kind.needsRecovery(score: score) {
                    try await SurveyRecoveryWriter.open(
                        for: response, survey: survey, service: service, on: tx, by: attribution)
                }
            }
            return response
        }
    }

    /// A survey's responses, newest first (`.notFound` for an unknown survey).
    public func list(surveyID: UUID, limit: Int, cursor: PageCursor?) async throws -> KefuCore.Page<SurveyResponse> {
        _ = try await SurveyRepository.load(surveyID, on: db.sql)
        return try await db.sql.select().column("*").from("survey_responses").where("survey_id", .equal, surveyID)
            .page(
                SurveyResponseRow.self, column: "created_at", descending: true, limit: limit, cursor: cursor,
                key: { PageCursor(value: .date($0.created_at), id: $0.id) }, map: { try $0.response() })
    }

    /// How many of each survey's invitations were made and answered: the response rate.
    public func rates() async throws -> [UUID: (invited: Int, answered: Int)] {
        struct Row: Decodable {
            var survey_id: UUID
            var invited: Int
            var answered: Int
        }
        let rows = try await db.sql.raw(
            """
            SELECT survey_id, COUNT(*) AS invited, COUNT(answered_at) AS answered FROM survey_invitations
            GROUP BY survey_id
            """
        ).all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.survey_id, ($0.invited, $0.answered)) })
    }

    /// Where and by whom the service the answer is about was given: the ticket's branch, team and owner, else the
    /// follow-up's assignee; the customer's home branch when the ticket names none.
    struct Service {
        var ticket: Ticket?
        var branchID: UUID?
        var teamID: UUID?
        var agentID: UUID?
        var customerBranchID: UUID?
        var accountManagerID: UUID?
    }

    static func service(of invitation: SurveyInvitation, on tx: any SQLDatabase) async throws -> Service {
        let facts = try await FollowUpScheduler.customerFacts(invitation.customerID, on: tx)
        var service = Service(
            customerBranchID: facts?.branch_id, accountManagerID: facts?.account_manager_id)
        if let ticketID = invitation.ticketID {
            let ticket = try await TicketRepository.load(ticketID, on: tx)
            service.ticket = ticket
            service.branchID = ticket.branchID
            service.teamID = ticket.teamID
            service.agentID = ticket.ownerID
        }
        if service.agentID == nil, let taskID = invitation.followUpTaskID {
            struct Assignee: Decodable { var assignee_id: UUID? }
            service.agentID = try await tx.select().column("assignee_id").from("follow_up_tasks")
                .where("id", .equal, taskID).first(decoding: Assignee.self)?.assignee_id
        }
        service.branchID = service.branchID ?? service.customerBranchID
        return service
    }
}
