public import Foundation

/// What `POST /api/v1/surveys` gives, and a PATCH merged onto a stored survey's draft. Members are optional so
/// that a missing one is reported with the other field errors.
public struct SurveyDraft: Codable, Sendable, Equatable {
    public var kind: SurveyKind?
    /// The title customers see (`title_zh` for Chinese pages; empty falls back to `title`).
    public var title: String?
    public var titleZH: String?
    /// A custom survey's questions; the other kinds ask their standard ones.
    public var questions: [SurveyQuestion]?
    /// SERVQUAL in the 1994 three-column form (minimum adequate, desired, perceived on 1–9) instead of
    /// expectation and perception on 1–7.
    public var threeColumn: Bool?
    /// SERVQUAL asks for 100 importance points over the five dimensions (default true).
    public var importance: Bool?
    /// Defaults to true; an inactive survey takes no new invitations.
    public var active: Bool?

    public init(
        kind: SurveyKind?, title: String?, titleZH: String? = nil, questions: [SurveyQuestion]? = nil,
        threeColumn: Bool? = nil, importance: Bool? = nil, active: Bool? = nil
    ) {
        self.kind = kind
        self.title = title
        self.titleZH = titleZH
        self.questions = questions
        self.threeColumn = threeColumn
        self.importance = importance
        self.active = active
    }

    enum CodingKeys: String, CodingKey {
        case kind, title
        case titleZH = "title_zh"
        case questions
        case threeColumn = "three_column"
        case importance, active
    }

    public static let maxTitleLength = 200
    public static let maxQuestions = 50

    /// The draft with texts trimmed and defaults filled, or every problem, each naming its JSON field
    /// (`questions[2].choices`).
    public func validated() throws(ValidationFailure) -> SurveyDraft {
        var out = self
        var errors: [FieldError] = []
        func fail(_ field: String, _ code: String, _ message: String) {
            errors.append(FieldError(field: field, code: code, message: message))
        }
        if kind == nil { fail("kind", "required", "Kind is required: csat, nps, ces, servqual or custom.") }
        let title = (title ?? "").trimmingWhitespace()
        out.title = title
        if title.isEmpty {
            fail("title", "required", "Title is required.")
        } else if title.count > Self.maxTitleLength {
            fail("title", "too_long", "Title is longer than \(Self.maxTitleLength) characters.")
        }
        let titleZH = (titleZH ?? "").trimmingWhitespace()
        out.titleZH = titleZH.isEmpty ? nil : titleZH
        if titleZH.count > Self.maxTitleLength {
            fail("title_zh", "too_long", "Title is longer than \(Self.maxTitleLength) characters.")
        }
        let questions = questions ?? []
        if kind == .custom {
            if questions.isEmpty { fail("questions", "required", "A custom survey needs at least one question.") }
            if questions.count > Self.maxQuestions {
                fail("questions", "too_many", "A survey has at most \(Self.maxQuestions) questions.")
            }
            out.questions = questions.enumerated().map { index, question in
                Self.validated(question, at: "questions[\(index)]", among: questions.prefix(index), fail: fail)
            }
        } else {
            if !questions.isEmpty {
                fail("questions", "not_allowed", "Only custom surveys have their own questions.")
            }
            out.questions = []
        }
        if kind != .servqual, threeColumn == true {
            fail("three_column", "not_allowed", "Only SERVQUAL surveys have the three-column form.")
        }
        out.threeColumn = kind == .servqual && threeColumn == true
        out.importance = kind == .servqual && importance != false
        out.active = active ?? true
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return out
    }

    private static func validated(
        _ question: SurveyQuestion, at path: String, among earlier: ArraySlice<SurveyQuestion>,
        fail: (String, String, String) -> Void
    ) -> SurveyQuestion {
        var question = question
        question.key = question.key.trimmingWhitespace()
        let key = question.key
        if key.isEmpty || key.count > 40 || !key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        {
            fail(path + ".key", "invalid", "A key is 1–40 letters, digits or underscores.")
        } else if SurveyAnswer.reservedFields.contains(key) {
            fail(path + ".key", "reserved", "\"\(key)\" is used by the survey form itself.")
        } else if earlier.contains(where: { $0.key == key }) {
            fail(path + ".key", "duplicate", "Another question has the key \"\(key)\".")
        }
        question.text = SurveyText(zh: question.text.zh.trimmingWhitespace(), en: question.text.en.trimmingWhitespace())
        if question.text.en.isEmpty, question.text.zh.isEmpty {
            fail(path + ".text", "required", "The question needs a text in English or Chinese.")
        } else if max(question.text.en.count, question.text.zh.count) > SurveyQuestion.maxTextLength {
            fail(path + ".text", "too_long", "A question is longer than \(SurveyQuestion.maxTextLength) characters.")
        }
        switch question.type {
        case .scale:
            let low = question.min ?? 1
            let high = question.max ?? 5
            if low < 0 || high > 10 || high - low < 1 {
                fail(
                    path + ".max", "out_of_range", "A scale runs from 0 or more to 10 at most, over two points or more."
                )
            }
            question.min = low
            question.max = high
            question.choices = nil
        case .choice:
            let choices = (question.choices ?? []).map { $0.trimmingWhitespace() }
            if choices.count < 2 || choices.count > SurveyQuestion.maxChoices || choices.contains(where: \.isEmpty)
                || Set(choices).count != choices.count
            {
                fail(
                    path + ".choices", "invalid",
                    "A choice question needs 2–\(SurveyQuestion.maxChoices) different, non-empty choices.")
            }
            question.choices = choices
            question.min = nil
            question.max = nil
        case .text:
            question.min = nil
            question.max = nil
            question.choices = nil
        }
        return question
    }
}

/// A stored survey.
public struct Survey: Codable, Sendable, Equatable, Identifiable {
    public var id: UUID
    public var kind: SurveyKind
    public var title: String
    public var titleZH: String?
    public var questions: [SurveyQuestion]
    public var threeColumn: Bool
    public var importance: Bool
    public var active: Bool
    public var createdAt: Date
    public var updatedAt: Date

    /// `draft` must be validated.
    public init(id: UUID, draft: SurveyDraft, createdAt: Date, updatedAt: Date) {
        self.id = id
        kind = draft.kind ?? .custom
        title = draft.title ?? ""
        titleZH = draft.titleZH
        questions = draft.questions ?? []
        threeColumn = draft.threeColumn ?? false
        importance = draft.importance ?? false
        active = draft.active ?? true
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// What a PATCH is merged onto.
    public var draft: SurveyDraft {
        SurveyDraft(
            kind: kind, title: title, titleZH: titleZH, questions: questions, threeColumn: threeColumn,
            importance: importance, active: active)
    }

    /// The title in the page's language.
    public func title(chinese: Bool) -> String {
        chinese ? (titleZH ?? title) : title
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, title
        case titleZH = "title_zh"
        case questions
        case threeColumn = "three_column"
        case importance, active
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
