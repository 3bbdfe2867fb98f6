import Foundation
import KefuCore

/// A `surveys` row.
struct SurveyRow: Codable {
    var id: UUID
    var kind: String
    var title: String
    var title_zh: String?
    var questions: String
    var three_column: Bool
    var importance: Bool
    var active: Bool
    var created_by: UUID?
    var created_at: Date
    var updated_at: Date

    init(_ survey: Survey, createdBy: UUID?) throws {
        id = survey.id
        kind = survey.kind.rawValue
        title = survey.title
        title_zh = survey.titleZH
        questions = try StoreJSON.encode(survey.questions)
        three_column = survey.threeColumn
        importance = survey.importance
        active = survey.active
        created_by = createdBy
        created_at = survey.createdAt
        updated_at = survey.updatedAt
    }

    func survey() throws -> Survey {
        guard let kind = SurveyKind(rawValue: kind) else {
            throw StoreError.corrupt("Survey \(id) has unknown kind \(kind)")
        }
        return Survey(
            id: id,
            draft: SurveyDraft(
                kind: kind, title: title, titleZH: title_zh,
                questions: try StoreJSON.decode([SurveyQuestion].self, from: questions), threeColumn: three_column,
                importance: importance, active: active),
            createdAt: created_at, updatedAt: updated_at)
    }
}

/// A `survey_invitations` row.
struct SurveyInvitationRow: Codable {
    var id: UUID
    var survey_id: UUID
    var customer_id: UUID
    var ticket_id: UUID?
    var follow_up_task_id: UUID?
    var link_id: UUID
    var source_key: String?
    var campaign_id: UUID?
    var created_by: UUID?
    var created_at: Date
    var expires_at: Date
    var answered_at: Date?
    var revoked_at: Date?

    var invitation: SurveyInvitation {
        SurveyInvitation(
            id: id, surveyID: survey_id, customerID: customer_id, ticketID: ticket_id,
            followUpTaskID: follow_up_task_id, createdAt: created_at, expiresAt: expires_at, answeredAt: answered_at,
            revokedAt: revoked_at)
    }
}

/// A `survey_responses` row: the answer and, for the reports, where and by whom the service was given.
struct SurveyResponseRow: Codable {
    var id: UUID
    var survey_id: UUID
    var invitation_id: UUID
    var customer_id: UUID
    var ticket_id: UUID?
    var follow_up_task_id: UUID?
    var kind: String
    var score: Int?
    var reason: String?
    var answers: String
    var language: String
    var branch_id: UUID?
    var team_id: UUID?
    var agent_id: UUID?
    var created_at: Date

    func response() throws -> SurveyResponse {
        guard let kind = SurveyKind(rawValue: kind) else {
            throw StoreError.corrupt("Survey response \(id) has unknown kind \(kind)")
        }
        return SurveyResponse(
            id: id, surveyID: survey_id, invitationID: invitation_id, customerID: customer_id, ticketID: ticket_id,
            followUpTaskID: follow_up_task_id, kind: kind,
            answer: SurveyAnswer(
                score: score, reason: reason,
                answers: try StoreJSON.decode([String: SurveyAnswerValue].self, from: answers)),
            language: language, createdAt: created_at)
    }
}
