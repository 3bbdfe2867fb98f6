public import Foundation

/// One customer asked to answer one survey, about one ticket or follow-up or none, through a single-use signed
/// link that expires (`SurveySettings.linkExpiryDays`).
public struct SurveyInvitation: Codable, Sendable, Equatable, Identifiable {
    public enum Status: String, Codable, Sendable {
        case pending
        case answered
        case expired
        case revoked
    }

    public var id: UUID
    public var surveyID: UUID
    public var customerID: UUID
    public var ticketID: UUID?
    public var followUpTaskID: UUID?
    public var createdAt: Date
    public var expiresAt: Date
    public var answeredAt: Date?
    public var revokedAt: Date?

    public init(
        id: UUID, surveyID: UUID, customerID: UUID, ticketID: UUID? = nil, followUpTaskID: UUID? = nil,
        createdAt: Date, expiresAt: Date, answeredAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.surveyID = surveyID
        self.customerID = customerID
        self.ticketID = ticketID
        self.followUpTaskID = followUpTaskID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.answeredAt = answeredAt
        self.revokedAt = revokedAt
    }

    /// Answered wins over revoked and expired: the answer stays whatever happens to the link afterwards.
    public func status(now: Date) -> Status {
        if answeredAt != nil { return .answered }
        if revokedAt != nil { return .revoked }
        return now >= expiresAt ? .expired : .pending
    }

    enum CodingKeys: String, CodingKey {
        case id
        case surveyID = "survey_id"
        case customerID = "customer_id"
        case ticketID = "ticket_id"
        case followUpTaskID = "follow_up_task_id"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case answeredAt = "answered_at"
        case revokedAt = "revoked_at"
    }
}

/// A stored answer to an invitation, as `GET /api/v1/surveys/{id}/responses` lists it.
public struct SurveyResponse: Codable, Sendable, Equatable, Identifiable {
    public var id: UUID
    public var surveyID: UUID
    public var invitationID: UUID
    public var customerID: UUID
    public var ticketID: UUID?
    public var followUpTaskID: UUID?
    public var kind: SurveyKind
    public var score: Int?
    public var reason: String?
    public var answers: [String: SurveyAnswerValue]
    /// `zh-Hans` or `en`: the language the page was answered in.
    public var language: String
    public var createdAt: Date

    public init(
        id: UUID, surveyID: UUID, invitationID: UUID, customerID: UUID, ticketID: UUID?, followUpTaskID: UUID?,
        kind: SurveyKind, answer: SurveyAnswer, language: String, createdAt: Date
    ) {
        self.id = id
        self.surveyID = surveyID
        self.invitationID = invitationID
        self.customerID = customerID
        self.ticketID = ticketID
        self.followUpTaskID = followUpTaskID
        self.kind = kind
        score = answer.score
        reason = answer.reason
        answers = answer.answers
        self.language = language
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id
        case surveyID = "survey_id"
        case invitationID = "invitation_id"
        case customerID = "customer_id"
        case ticketID = "ticket_id"
        case followUpTaskID = "follow_up_task_id"
        case kind, score, reason, answers, language
        case createdAt = "created_at"
    }

    /// Nulls are written out: `score` and `reason` are always present in the API's items.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(surveyID, forKey: .surveyID)
        try c.encode(invitationID, forKey: .invitationID)
        try c.encode(customerID, forKey: .customerID)
        try c.encode(ticketID, forKey: .ticketID)
        try c.encode(followUpTaskID, forKey: .followUpTaskID)
        try c.encode(kind, forKey: .kind)
        try c.encode(score, forKey: .score)
        try c.encode(reason, forKey: .reason)
        try c.encode(answers, forKey: .answers)
        try c.encode(language, forKey: .language)
        try c.encode(createdAt, forKey: .createdAt)
    }
}
