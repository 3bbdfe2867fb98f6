/// What an author writes: a category, the title and body in each language, and the status. A language is
/// left out by leaving its title and body empty; at least one language is written.
public struct KBArticleContent: Codable, Sendable, Equatable {
    public var category: String
    public var titleZH: String
    public var bodyZH: String
    public var titleEN: String
    public var bodyEN: String
    public var status: KBArticleStatus

    public init(
        category: String, titleZH: String = "", bodyZH: String = "", titleEN: String = "", bodyEN: String = "",
        status: KBArticleStatus = .draft
    ) {
        self.category = category
        self.titleZH = titleZH
        self.bodyZH = bodyZH
        self.titleEN = titleEN
        self.bodyEN = bodyEN
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case category, status
        case titleZH = "title_zh"
        case bodyZH = "body_zh"
        case titleEN = "title_en"
        case bodyEN = "body_en"
    }

    /// Every key but `category` may be left out of a request: texts default to empty, the status to draft.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        category = try c.decode(String.self, forKey: .category)
        titleZH = try c.decodeIfPresent(String.self, forKey: .titleZH) ?? ""
        bodyZH = try c.decodeIfPresent(String.self, forKey: .bodyZH) ?? ""
        titleEN = try c.decodeIfPresent(String.self, forKey: .titleEN) ?? ""
        bodyEN = try c.decodeIfPresent(String.self, forKey: .bodyEN) ?? ""
        status = try c.decodeIfPresent(KBArticleStatus.self, forKey: .status) ?? .draft
    }

    public static let maxCategoryLength = 100
    public static let maxTitleLength = 200
    public static let maxBodyLength = 50_000

    /// The content trimmed and checked: a category of 1 to 100 characters; each language either empty or
    /// with both title and body; at least one language; titles at most 200 and bodies 50,000 characters.
    public func validated() throws(ValidationFailure) -> KBArticleContent {
        var content = self
        content.category = category.trimmingWhitespace()
        content.titleZH = titleZH.trimmingWhitespace()
        content.bodyZH = bodyZH.trimmingWhitespace()
        content.titleEN = titleEN.trimmingWhitespace()
        content.bodyEN = bodyEN.trimmingWhitespace()
        var errors: [FieldError] = []
        if content.category.isEmpty {
            errors.append(FieldError(field: "category", code: "required", message: "A category is required."))
        }
        let languages = [
            ("zh", content.titleZH, content.bodyZH, "Chinese"), ("en", content.titleEN, content.bodyEN, "English"),
        ]
        for (code, title, body, name) in languages where title.isEmpty != body.isEmpty {
            let field = title.isEmpty ? "title_" + code : "body_" + code
            errors.append(
                FieldError(field: field, code: "required", message: "The \(name) version needs a title and a body."))
        }
        if languages.allSatisfy({ $0.1.isEmpty && $0.2.isEmpty }) {
            errors.append(
                FieldError(
                    field: "title_zh", code: "kb_language_required",
                    message: "Write the article in Chinese, English or both."))
        }
        let limits = [
            ("category", content.category, Self.maxCategoryLength), ("title_zh", content.titleZH, Self.maxTitleLength),
            ("title_en", content.titleEN, Self.maxTitleLength), ("body_zh", content.bodyZH, Self.maxBodyLength),
            ("body_en", content.bodyEN, Self.maxBodyLength),
        ]
        for (field, value, limit) in limits where value.count > limit {
            errors.append(FieldError(field: field, code: "too_long", message: "Longer than \(limit) characters."))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return content
    }

    /// The title and body a reader of `preferred` Chinese (or not) sees: their language when written, else the other.
    public func localized(chinese preferred: Bool) -> (title: String, body: String) {
        let zh = (titleZH, bodyZH)
        let en = (titleEN, bodyEN)
        let (first, second) = preferred ? (zh, en) : (en, zh)
        return first.0.isEmpty ? second : first
    }

    /// Lower-cased titles and bodies of both languages, what the list's `q` and the suggestions search.
    public var searchText: String {
        [titleZH, titleEN, bodyZH, bodyEN].filter { !$0.isEmpty }.joined(separator: "\n").lowercased()
    }
}
