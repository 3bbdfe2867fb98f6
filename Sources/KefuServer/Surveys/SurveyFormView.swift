import Foundation
import KefuCore

/// What the survey page shows: the standard question of a CSAT, NPS or CES with its score buttons and a box for
/// the why, SERVQUAL's statements by dimension, or a custom survey's questions — in the page's language, with
/// what was posted and its errors.
struct SurveyFormView {
    var csrf: String
    var action: String
    var title: String
    var general: [String]
    var score: ScoreView?
    var reason: ReasonView?
    var questions: [QuestionView]
    var servqual: ServqualFormView?

    struct ScoreView {
        var question: String
        var options: [Choice]
        var low: String
        var high: String
        var field: FieldView
    }

    struct ReasonView {
        var label: String
        var field: FieldView
    }

    struct Choice {
        var value: String
        var label: String
        var checked: Bool
    }

    struct QuestionView {
        var name: String
        var text: String
        var required: Bool
        var isScale: Bool
        var isChoice: Bool
        var isText: Bool
        var options: [Choice]
        var field: FieldView
    }

    init(
        _ survey: Survey, csrf: String, action: String, business: String, posted: (String) -> String,
        messages: FieldMessages, ui: WebUI
    ) {
        let chinese = ui.language == .zhHans
        self.csrf = csrf
        self.action = action
        title = survey.title(chinese: chinese)
        general = messages.general
        questions = []
        if let range = survey.kind.scoreRange {
            let key = "survey.\(survey.kind.rawValue)"
            let chosen = posted("score")
            score = ScoreView(
                question: ui.t(key + ".question", ["business": business]),
                options: range.map { Choice(value: String($0), label: String($0), checked: String($0) == chosen) },
                low: ui.t(key + ".low"), high: ui.t(key + ".high"), field: messages.field("score", value: chosen))
            reason = ReasonView(
                label: ui.t(survey.kind == .nps ? "survey.nps.reason" : "survey.reason"),
                field: messages.field("reason", value: posted("reason")))
        }
        if survey.kind == .servqual {
            servqual = ServqualFormView(survey, posted: posted, messages: messages, ui: ui)
        }
        if survey.kind == .custom {
            questions = survey.questions.map { question in
                let name = "q_" + question.key
                let value = posted(name)
                let options: [Choice] =
                    switch question.type {
                    case .scale:
                        question.scale.map {
                            Choice(value: String($0), label: String($0), checked: String($0) == value)
                        }
                    case .choice: (question.choices ?? []).map { Choice(value: $0, label: $0, checked: $0 == value) }
                    case .text: []
                    }
                return QuestionView(
                    name: name, text: question.text.text(chinese: chinese), required: question.required,
                    isScale: question.type == .scale, isChoice: question.type == .choice,
                    isText: question.type == .text, options: options, field: messages.field(name, value: value))
            }
        }
    }

    /// The names of the form's inputs, whose errors show beside them.
    static func inputs(of survey: Survey) -> Set<String> {
        var names: Set<String> = ["score", "reason"]
        names.formUnion(survey.questions.map { "q_" + $0.key })
        if survey.kind == .servqual { names.formUnion(ServqualFormView.inputs(of: survey)) }
        return names
    }
}
