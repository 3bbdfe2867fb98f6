/// What a survey measures (issue 13 §1): satisfaction with one contact (CSAT 1–5), loyalty (NPS 0–10 and why),
/// effort (CES 1–7, "made it easy"), service quality (SERVQUAL's 22 items) or a business's own questions.
public enum SurveyKind: String, Codable, Sendable, CaseIterable {
    case csat
    case nps
    case ces
    case servqual
    case custom

    /// The range of the one score a CSAT, NPS or CES answer gives; nil for SERVQUAL and custom surveys.
    public var scoreRange: ClosedRange<Int>? {
        switch self {
        case .csat: CSATScore.scale
        case .nps: NPSScore.scale
        case .ces: CESScore.scale
        case .servqual, .custom: nil
        }
    }

    /// A score low enough that someone should call the customer back (service recovery): CSAT ≤ 2, an NPS
    /// detractor (0–6), CES ≤ 2.
    public func needsRecovery(score: Int) -> Bool {
        switch self {
        case .csat, .ces: score <= 2
        case .nps: score <= 6
        case .servqual, .custom: false
        }
    }

    /// What a score puts in relationship health: CSAT 1–2 `csat_low`, 4–5 `csat_high`; NPS 9–10 `promoter`,
    /// 0–6 `detractor`; nothing otherwise.
    public func healthEvent(score: Int) -> HealthEventKind? {
        switch self {
        case .csat: score <= 2 ? .csatLow : score >= 4 ? .csatHigh : nil
        case .nps: score >= 9 ? .promoter : score <= 6 ? .detractor : nil
        case .ces, .servqual, .custom: nil
        }
    }
}
