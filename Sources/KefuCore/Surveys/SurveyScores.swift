/// The single-question scores: NPS (Reichheld 2003), CSAT and CES (Dixon, Freeman & Toman 2010), shared
/// by the reports and `kefu calc nps` (docs/SCIENCE.md §9). Scores must lie on the kind's `scale`
/// (check before storing); a value off the scale is a programming error.
public enum SurveyScores {
    /// Net Promoter Score over 0–10 answers to "how likely are you to recommend us?".
    public static func nps(_ scores: [Int]) -> NPSScore {
        var distribution = [Int](repeating: 0, count: NPSScore.scale.count)
        for score in scores {
            precondition(NPSScore.scale.contains(score), "NPS score \(score) is outside 0–10")
            distribution[score] += 1
        }
        return NPSScore(distribution: distribution)
    }

    /// Share of satisfied (4 or 5) answers on the 1–5 satisfaction scale.
    public static func csat(_ scores: [Int]) -> CSATScore {
        precondition(scores.allSatisfy { CSATScore.scale.contains($0) }, "CSAT scores are 1–5")
        return CSATScore(responses: scores.count, satisfied: scores.count(where: { $0 >= 4 }))
    }

    /// Mean of 1–7 answers to "the business made it easy to handle my issue".
    public static func ces(_ scores: [Int]) -> CESScore {
        precondition(scores.allSatisfy { CESScore.scale.contains($0) }, "CES scores are 1–7")
        return CESScore(responses: scores.count, total: scores.reduce(0, +))
    }

    /// The same scores from how many gave each score (`counts[score]`), as the reports count them in the
    /// database; a score off the kind's scale is left out.
    public static func nps(counts: [Int: Int]) -> NPSScore {
        NPSScore(distribution: NPSScore.scale.map { counts[$0] ?? 0 })
    }

    public static func csat(counts: [Int: Int]) -> CSATScore {
        let on = counts.filter { CSATScore.scale.contains($0.key) }
        return CSATScore(responses: on.values.reduce(0, +), satisfied: on.filter { $0.key >= 4 }.values.reduce(0, +))
    }

    public static func ces(counts: [Int: Int]) -> CESScore {
        let on = counts.filter { CESScore.scale.contains($0.key) }
        return CESScore(responses: on.values.reduce(0, +), total: on.reduce(0) { $0 + $1.key * $1.value })
    }
}

/// NPS = 100 × (promoters − detractors) / responses: promoters answer 9–10, passives 7–8, detractors 0–6.
public struct NPSScore: Sendable, Equatable {
    public static let scale = 0...10

    public let responses: Int
    public let promoters: Int
    public let passives: Int
    public let detractors: Int
    /// −100…100, unrounded; nil without responses.
    public let nps: Double?
    /// How many answered 0, 1, …, 10 (11 counts).
    public let distribution: [Int]

    init(distribution: [Int]) {
        self.distribution = distribution
        responses = distribution.reduce(0, +)
        promoters = distribution[9...].reduce(0, +)
        passives = distribution[7...8].reduce(0, +)
        detractors = distribution[...6].reduce(0, +)
        nps = responses > 0 ? 100 * Double(promoters - detractors) / Double(responses) : nil
    }
}

/// CSAT % = 100 × (4s + 5s) / responses.
public struct CSATScore: Sendable, Equatable {
    public static let scale = 1...5

    public let responses: Int
    public let satisfied: Int
    /// 0…100, unrounded; nil without responses.
    public let percent: Double?

    init(responses: Int, satisfied: Int) {
        self.responses = responses
        self.satisfied = satisfied
        percent = responses > 0 ? 100 * Double(satisfied) / Double(responses) : nil
    }
}

/// CES = mean of the 1–7 answers.
public struct CESScore: Sendable, Equatable {
    public static let scale = 1...7

    public let responses: Int
    /// Unrounded; nil without responses.
    public let mean: Double?

    init(responses: Int, total: Int) {
        self.responses = responses
        mean = responses > 0 ? Double(total) / Double(responses) : nil
    }
}
