/// A question of a custom survey: a rating on a scale, one of a few choices, or free text. `key` names the
/// answer in the stored answers and the posted form, so it is a short identifier.
public struct SurveyQuestion: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case scale
        case choice
        case text
    }

    public var key: String
    public var type: Kind
    /// The question in English and in Chinese; either may be empty (the other is shown).
    public var text: SurveyText
    /// The scale's ends (default 1–5).
    public var min: Int?
    public var max: Int?
    public var choices: [String]?
    public var required: Bool

    public init(
        key: String, type: Kind, text: SurveyText, min: Int? = nil, max: Int? = nil, choices: [String]? = nil,
        required: Bool = false
    ) {
        self.key = key
        self.type = type
        self.text = text
        self.min = min
        self.max = max
        self.choices = choices
        self.required = required
    }

    enum CodingKeys: String, CodingKey {
        case key, type, text, min, max, choices, required
    }

    /// `required` defaults to false.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        type = try c.decode(Kind.self, forKey: .type)
        text = try c.decode(SurveyText.self, forKey: .text)
        min = try c.decodeIfPresent(Int.self, forKey: .min)
        max = try c.decodeIfPresent(Int.self, forKey: .max)
        choices = try c.decodeIfPresent([String].self, forKey: .choices)
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
    }

    /// The scale a `scale` question rates on.
    public var scale: ClosedRange<Int> {
        let low = min ?? 1
        return low...Swift.max(low, max ?? 5)
    }

    public static let maxChoices = 20
    public static let maxTextLength = 500
}

/// A question's text, in both languages the public pages speak.
public typealias SurveyText = BilingualText
