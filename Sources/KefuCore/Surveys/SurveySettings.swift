public import Foundation

/// The survey settings (`surveys` in the settings JSON): how long a link stays open, when the automatic CSAT
/// goes out and what a bad answer opens.
public struct SurveySettings: Codable, Sendable, Equatable {
    /// What service recovery opens for a bad answer.
    public enum Recovery: String, Codable, Sendable, CaseIterable {
        /// A follow-up task due today (the default).
        case followUp = "follow_up"
        /// A complaint ticket.
        case complaint
    }

    /// Days an invitation's link opens before it answers 410.
    public var linkExpiryDays: Int
    /// Whether a CSAT invitation is made when a ticket is resolved or a follow-up done.
    public var autoCSAT: Bool
    /// Minutes after the resolution or the follow-up the invitation is made.
    public var csatDelayMinutes: Int
    /// The CSAT survey the automatic invitations use; nil: the oldest active CSAT survey.
    public var csatSurveyID: UUID?
    public var recovery: Recovery

    public init(
        linkExpiryDays: Int = 30, autoCSAT: Bool = true, csatDelayMinutes: Int = 60, csatSurveyID: UUID? = nil,
        recovery: Recovery = .followUp
    ) {
        self.linkExpiryDays = linkExpiryDays
        self.autoCSAT = autoCSAT
        self.csatDelayMinutes = csatDelayMinutes
        self.csatSurveyID = csatSurveyID
        self.recovery = recovery
    }

    enum CodingKeys: String, CodingKey {
        case linkExpiryDays = "link_expiry_days"
        case autoCSAT = "auto_csat"
        case csatDelayMinutes = "csat_delay_minutes"
        case csatSurveyID = "csat_survey_id"
        case recovery
    }

    /// Missing members take their defaults, so settings stored before one existed read.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SurveySettings()
        linkExpiryDays = try c.decodeIfPresent(Int.self, forKey: .linkExpiryDays) ?? defaults.linkExpiryDays
        autoCSAT = try c.decodeIfPresent(Bool.self, forKey: .autoCSAT) ?? defaults.autoCSAT
        csatDelayMinutes = try c.decodeIfPresent(Int.self, forKey: .csatDelayMinutes) ?? defaults.csatDelayMinutes
        csatSurveyID = try c.decodeIfPresent(UUID.self, forKey: .csatSurveyID)
        recovery = try c.decodeIfPresent(Recovery.self, forKey: .recovery) ?? defaults.recovery
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(linkExpiryDays, forKey: .linkExpiryDays)
        try c.encode(autoCSAT, forKey: .autoCSAT)
        try c.encode(csatDelayMinutes, forKey: .csatDelayMinutes)
        try c.encode(csatSurveyID, forKey: .csatSurveyID)
        try c.encode(recovery, forKey: .recovery)
    }

    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        if !(1...365).contains(linkExpiryDays) {
            errors.append(
                FieldError(
                    field: "surveys.link_expiry_days", code: "out_of_range",
                    message: "Links stay open between 1 and 365 days."))
        }
        if !(0...10_080).contains(csatDelayMinutes) {
            errors.append(
                FieldError(
                    field: "surveys.csat_delay_minutes", code: "out_of_range",
                    message: "The CSAT delay is between 0 minutes and 7 days (10080)."))
        }
        return errors
    }
}
