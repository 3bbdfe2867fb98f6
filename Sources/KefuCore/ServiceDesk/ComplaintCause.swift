public import Foundation

/// A root cause of the complaint taxonomy (004: record and analyse complaints for common causes),
/// named in Chinese and optionally English, within a category whose remedy ladder applies to it.
public struct ComplaintCause: Codable, Sendable, Equatable, Identifiable {
    public var id: UUID
    public var category: String
    public var name: String
    public var nameEN: String?

    public init(id: UUID, category: String, name: String, nameEN: String?) {
        self.id = id
        self.category = category
        self.name = name
        self.nameEN = nameEN
    }

    enum CodingKeys: String, CodingKey {
        case id, category, name
        case nameEN = "name_en"
    }

    /// `name_en` is written as `null` when there is none.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(category, forKey: .category)
        try c.encode(name, forKey: .name)
        try c.encode(nameEN, forKey: .nameEN)
    }

    public static let maxNameLength = 200

    /// A new cause's names, trimmed: category and name required, every name at most `maxNameLength`
    /// characters, an empty English name meaning none.
    public static func validatedNames(
        category: String, name: String, nameEN: String?
    ) throws(ValidationFailure) -> (category: String, name: String, nameEN: String?) {
        let category = category.trimmingWhitespace()
        let name = name.trimmingWhitespace()
        let nameEN = nameEN?.trimmingWhitespace().nilIfEmpty
        var errors: [FieldError] = []
        for (field, value) in [("category", category), ("name", name)] where value.isEmpty {
            errors.append(FieldError(field: field, code: "required", message: "\(field) is required."))
        }
        for (field, value) in [("category", category), ("name", name), ("name_en", nameEN ?? "")]
        where value.count > maxNameLength {
            errors.append(
                FieldError(field: field, code: "too_long", message: "Longer than \(maxNameLength) characters."))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return (category, name, nameEN)
    }
}
