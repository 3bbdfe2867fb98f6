/// One customer's answer to a survey, read from the public form and checked against the survey: the score of a
/// CSAT, NPS or CES (and the why), or the answers to SERVQUAL's statements or a custom survey's questions.
public struct SurveyAnswer: Sendable, Equatable {
    public var score: Int?
    public var reason: String?
    /// By field name: `q_<key>` of a custom survey, `e1`…`p22`, `a1`…`d22` and `w_<dimension>` of SERVQUAL.
    public var answers: [String: SurveyAnswerValue]

    public init(score: Int? = nil, reason: String? = nil, answers: [String: SurveyAnswerValue] = [:]) {
        self.score = score
        self.reason = reason
        self.answers = answers
    }

    /// Form fields the survey page itself uses, which a custom question's key may not take.
    public static let reservedFields: Set<String> = ["score", "reason", "csrf_token", "lang"]
    public static let maxReasonLength = 2_000

    /// The answer `field` gives to `survey`, or every problem (an out-of-range score, a required question left
    /// out, a choice not offered). `field` returns a posted value, nil when absent.
    public static func read(_ survey: Survey, field: (String) -> String?) throws(ValidationFailure) -> SurveyAnswer {
        var errors: [FieldError] = []
        func fail(_ name: String, _ code: String, _ message: String) {
            errors.append(FieldError(field: name, code: code, message: message))
        }
        var answer = SurveyAnswer()
        if let range = survey.kind.scoreRange {
            let text = field("score")?.trimmingWhitespace() ?? ""
            if let score = Int(text), range.contains(score) {
                answer.score = score
            } else if text.isEmpty {
                fail("score", "required", "Choose a score from \(range.lowerBound) to \(range.upperBound).")
            } else {
                fail(
                    "score", "out_of_range",
                    "The score is a whole number from \(range.lowerBound) to \(range.upperBound).")
            }
            let reason = field("reason")?.trimmingWhitespace() ?? ""
            if reason.count > maxReasonLength {
                fail("reason", "too_long", "Please keep it under \(maxReasonLength) characters.")
            }
            answer.reason = reason.isEmpty ? nil : reason
        }
        switch survey.kind {
        case .custom:
            for question in survey.questions {
                read(question, field("q_" + question.key), into: &answer, fail: fail)
            }
        case .servqual:
            readServqual(survey, field: field, into: &answer, fail: fail)
        case .csat, .nps, .ces:
            break
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return answer
    }

    private static func read(
        _ question: SurveyQuestion, _ posted: String?, into answer: inout SurveyAnswer,
        fail: (String, String, String) -> Void
    ) {
        let name = "q_" + question.key
        let text = posted?.trimmingWhitespace() ?? ""
        if text.isEmpty {
            if question.required { fail(name, "required", "Please answer this question.") }
            return
        }
        switch question.type {
        case .scale:
            let scale = question.scale
            guard let value = Int(text), scale.contains(value) else {
                return fail(name, "out_of_range", "Choose from \(scale.lowerBound) to \(scale.upperBound).")
            }
            answer.answers[name] = .number(value)
        case .choice:
            guard question.choices?.contains(text) == true else {
                return fail(name, "invalid_choice", "Choose one of the listed answers.")
            }
            answer.answers[name] = .text(text)
        case .text:
            guard text.count <= maxReasonLength else {
                return fail(name, "too_long", "Please keep it under \(maxReasonLength) characters.")
            }
            answer.answers[name] = .text(text)
        }
    }
}

/// One stored answer: a rating or a text.
public enum SurveyAnswerValue: Codable, Sendable, Equatable {
    case number(Int)
    case text(String)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let number = try? c.decode(Int.self) {
            self = .number(number)
        } else {
            self = .text(try c.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let number): try c.encode(number)
        case .text(let text): try c.encode(text)
        }
    }

    public var number: Int? {
        if case .number(let number) = self { number } else { nil }
    }
}
