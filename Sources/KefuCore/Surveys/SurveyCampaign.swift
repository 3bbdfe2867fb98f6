public import Foundation

/// Who a campaign invites (issue 13 §1: NPS and SERVQUAL to a segment): live customers matching every member
/// given — tier, tag, home branch, lifecycle stage, and a purchase within the last N days.
public struct SurveySegment: Codable, Sendable, Equatable {
    public var tier: String?
    public var tag: String?
    public var branchID: UUID?
    public var stage: LifecycleStage?
    public var purchasedWithinDays: Int?

    public init(
        tier: String? = nil, tag: String? = nil, branchID: UUID? = nil, stage: LifecycleStage? = nil,
        purchasedWithinDays: Int? = nil
    ) {
        self.tier = tier
        self.tag = tag
        self.branchID = branchID
        self.stage = stage
        self.purchasedWithinDays = purchasedWithinDays
    }

    enum CodingKeys: String, CodingKey {
        case tier, tag
        case branchID = "branch_id"
        case stage
        case purchasedWithinDays = "purchased_within_days"
    }

    public static let maxDays = 3_650

    /// Blank texts dropped; an unknown tier or a day count out of range is an error naming `segment.<member>`.
    public func validated(tiers: [String]) throws(ValidationFailure) -> SurveySegment {
        var out = self
        var errors: [FieldError] = []
        out.tier = tier?.trimmingWhitespace().nilIfEmpty
        out.tag = tag?.trimmingWhitespace().nilIfEmpty
        if let tier = out.tier, !tiers.contains(tier) {
            errors.append(
                FieldError(
                    field: "segment.tier", code: "invalid_tier",
                    message: "Tier \"\(tier)\" is not one of \(tiers.joined(separator: ", "))."))
        }
        if let days = purchasedWithinDays, !(1...Self.maxDays).contains(days) {
            errors.append(
                FieldError(
                    field: "segment.purchased_within_days", code: "out_of_range",
                    message: "Give 1 to \(Self.maxDays) days."))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return out
    }
}

/// A campaign: one survey sent to a segment at once, counted for its response rate.
public struct SurveyCampaign: Codable, Sendable, Equatable, Identifiable {
    public var id: UUID
    public var surveyID: UUID
    public var name: String
    public var segment: SurveySegment
    public var invited: Int
    public var answered: Int
    public var createdAt: Date

    public init(
        id: UUID, surveyID: UUID, name: String, segment: SurveySegment, invited: Int, answered: Int = 0,
        createdAt: Date
    ) {
        self.id = id
        self.surveyID = surveyID
        self.name = name
        self.segment = segment
        self.invited = invited
        self.answered = answered
        self.createdAt = createdAt
    }

    /// Answered ÷ invited, as a percentage; nil before anyone was invited.
    public var responseRate: Double? { invited == 0 ? nil : 100 * Double(answered) / Double(invited) }

    enum CodingKeys: String, CodingKey {
        case id
        case surveyID = "survey_id"
        case name, segment, invited, answered
        case responseRate = "response_rate"
        case createdAt = "created_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(UUID.self, forKey: .id), surveyID: try c.decode(UUID.self, forKey: .surveyID),
            name: try c.decode(String.self, forKey: .name), segment: try c.decode(SurveySegment.self, forKey: .segment),
            invited: try c.decode(Int.self, forKey: .invited), answered: try c.decode(Int.self, forKey: .answered),
            createdAt: try c.decode(Date.self, forKey: .createdAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(surveyID, forKey: .surveyID)
        try c.encode(name, forKey: .name)
        try c.encode(segment, forKey: .segment)
        try c.encode(invited, forKey: .invited)
        try c.encode(answered, forKey: .answered)
        try c.encode(responseRate, forKey: .responseRate)
        try c.encode(createdAt, forKey: .createdAt)
    }
}
