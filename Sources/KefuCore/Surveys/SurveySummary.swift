/// A survey's figures over a set of its responses: CSAT %, NPS, the CES mean or SERVQUAL's gaps — the numbers
/// the survey page and the reports show, each saying how many answers it rests on.
public enum SurveySummary: Sendable, Equatable {
    case csat(CSATScore)
    case nps(NPSScore)
    case ces(CESScore)
    case servqual(ServqualScore)
    case custom(responses: Int)

}
