/// A survey's figures over a set of its responses: CSAT %, NPS, the CES mean or SERVQUAL's gaps — the numbers
/// the survey page and the reports show, each saying how many answers it rests on.
public enum SurveySummary: Sendable, Equatable {
    case csat(CSATScore)
    case nps(NPSScore)
    case ces(CESScore)
    case servqual(ServqualScore)
    case custom(responses: Int)

    /// Responses of another survey, or scores off the survey's scale (never stored), are left out.
    public static func of(_ survey: Survey, responses: [SurveyResponse]) -> SurveySummary {
        let mine = responses.filter { $0.surveyID == survey.id }
        let scores = mine.compactMap(\.score).filter { survey.kind.scoreRange?.contains($0) == true }
        switch survey.kind {
        case .csat: return .csat(SurveyScores.csat(scores))
        case .nps: return .nps(SurveyScores.nps(scores))
        case .ces: return .ces(SurveyScores.ces(scores))
        case .servqual:
            let format = survey.servqualFormat
            let answers = mine.map { SurveyAnswer.servqualResponse($0.answers, respondentID: $0.id.uuidString) }
                .filter { (try? Servqual.validate($0, format: format)) != nil }
            return .servqual(Servqual.score(answers, format: format))
        case .custom: return .custom(responses: mine.count)
        }
    }
}
