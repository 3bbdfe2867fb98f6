import Foundation
import KefuCore

/// A custom survey's questions as the web form takes them, one per line:
/// `type | English | 中文 | choice; choice`, `type` one of `scale` (optionally `scale 0-10`), `choice`, `text`,
/// with a leading `*` for a required question. Keys are `q1`, `q2`, … in order.
enum SurveyQuestionLines {
    static func read(_ text: String) throws(ValidationFailure) -> [SurveyQuestion] {
        var questions: [SurveyQuestion] = []
        var errors: [FieldError] = []
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        for (index, line) in lines.enumerated() {
            var parts = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            var head = parts.removeFirst()
            let required = head.hasPrefix("*")
            if required { head = String(head.dropFirst()).trimmingCharacters(in: .whitespaces) }
            let words = head.split(separator: " ")
            guard let word = words.first, let type = SurveyQuestion.Kind(rawValue: String(word)) else {
                errors.append(
                    FieldError(
                        field: "questions[\(index)].type", code: "invalid",
                        message: "Line \(index + 1) starts with scale, choice or text."))
                continue
            }
            var question = SurveyQuestion(
                key: "q\(index + 1)", type: type,
                text: SurveyText(zh: parts.count > 1 ? parts[1] : "", en: parts.first ?? ""), required: required)
            if type == .scale, words.count > 1 {
                let ends = words[1].split(separator: "-").compactMap { Int($0) }
                if ends.count == 2 { (question.min, question.max) = (ends[0], ends[1]) }
            }
            if type == .choice, parts.count > 2 {
                question.choices = WebForm.list(parts[2])
            }
            questions.append(question)
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return questions
    }

    /// The questions back as lines, for the form.
    static func write(_ questions: [SurveyQuestion]) -> String {
        questions.map { question in
            var head = question.type.rawValue
            if question.type == .scale { head += " \(question.scale.lowerBound)-\(question.scale.upperBound)" }
            var parts = [(question.required ? "*" : "") + head, question.text.en, question.text.zh]
            if let choices = question.choices { parts.append(choices.joined(separator: "; ")) }
            return parts.joined(separator: " | ")
        }.joined(separator: "\n")
    }
}
