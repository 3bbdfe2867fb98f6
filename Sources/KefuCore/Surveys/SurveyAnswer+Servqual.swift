/// SERVQUAL's form fields (`ServqualColumn.field`): each of the 22 statements rated in the survey's format's
/// columns (`e5`/`p5` on 1–7, or `a5`/`d5`/`p5` on 1–9), and the importance points `w_<dimension>`. A statement
/// left blank is a missing answer; the answer is checked as a whole by `Servqual.validate`.
extension SurveyAnswer {
    /// The importance field of a dimension.
    public static func weightField(_ dimension: ServqualDimension) -> String { "w_" + dimension.rawValue }

    /// The stored answers as the scores read them (`respondentID` names the response).
    public static func servqualResponse(_ answers: [String: SurveyAnswerValue], respondentID: String)
        -> ServqualResponse
    {
        ServqualResponse(fields: answers.compactMapValues(\.number), respondentID: respondentID)
    }

    static func readServqual(
        _ survey: Survey, field: (String) -> String?, into answer: inout SurveyAnswer,
        fail: (String, String, String) -> Void
    ) {
        let format = survey.servqualFormat
        var names = format.columns.flatMap { column in (1...22).map { column.field($0) } }
        if survey.importance { names += ServqualDimension.allCases.map(weightField) }
        var typed = false
        for name in names {
            let text = field(name)?.trimmingWhitespace() ?? ""
            guard !text.isEmpty else { continue }
            typed = true
            guard let value = Int(text) else {
                fail(name, "out_of_range", "Give a whole number.")
                continue
            }
            answer.answers[name] = .number(value)
        }
        if !typed { return fail(ServqualColumn.perception.field(1), "required", "Please rate at least one statement.") }
        do throws(ServqualError) {
            try Servqual.validate(servqualResponse(answer.answers, respondentID: ""), format: format)
        } catch {
            let (name, code) = error.formField
            fail(name, code, error.description)
        }
    }
}

extension ServqualError {
    /// The form field the problem shows beside, and its error code.
    var formField: (String, String) {
        switch self {
        case .ratingOutOfRange(let column, let item, _, _), .unknownItem(let column, let item):
            (column.field(item), "out_of_range")
        case .columnNotInFormat(let column, _): (column.field(1), "out_of_range")
        case .adequateAboveDesired(let item, _, _): (ServqualColumn.adequate.field(item), "adequate_above_desired")
        case .pointsIncomplete(let missing):
            (SurveyAnswer.weightField(missing.first ?? .tangibles), "points_incomplete")
        case .pointsNegative(let dimension, _): (SurveyAnswer.weightField(dimension), "out_of_range")
        case .pointsTotal: (SurveyAnswer.weightField(.tangibles), "points_total")
        }
    }
}

extension Survey {
    /// The questionnaire a SERVQUAL survey asks.
    public var servqualFormat: ServqualFormat { threeColumn ? .threeColumn : .twoColumn }
}
