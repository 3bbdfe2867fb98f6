/// What service recovery tells the person who calls the customer back after a bad answer (issue 13 §1): the
/// score and the customer's own words, and what to do — the complaint protocol's listen, apologise, find the
/// cause, agree a remedy (DOMAIN.md §2).
public enum SurveyRecovery {
    /// "CSAT 1/5", "NPS 3/10", "CES 2/7".
    public static func scoreText(_ kind: SurveyKind, _ score: Int) -> String {
        "\(kind.rawValue.uppercased()) \(score)/\(kind.scoreRange?.upperBound ?? score)"
    }

    /// The follow-up's script in both languages.
    public static func script(kind: SurveyKind, score: Int, reason: String?, survey: String) -> FollowUpScript {
        let said = scoreText(kind, score)
        let quoteEN = reason.map { " The customer wrote: “\($0)”." } ?? ""
        let quoteZH = reason.map { "客户写道：“\($0)”。" } ?? ""
        return FollowUpScript(
            zh: "服务补救：客户在「\(survey)」中给出 \(said)。\(quoteZH)今天联系客户：倾听、致歉、找出原因、商定补救方案并立即执行。",
            en: "Service recovery: the customer answered \(said) to “\(survey)”.\(quoteEN) Call them today: listen, "
                + "apologise, find the cause, agree a remedy and carry it out at once.")
    }

    /// The subject of the complaint ticket opened instead, when the settings say so.
    public static func complaintSubject(kind: SurveyKind, score: Int) -> String {
        "Low survey score: \(scoreText(kind, score))"
    }
}
