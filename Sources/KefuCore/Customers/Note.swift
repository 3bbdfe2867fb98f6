public import Foundation

/// A free-text note staff leave on a customer; it also appears on the timeline.
public struct Note: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var customerID: UUID
    public var body: String
    public var authorID: UUID?
    public var createdAt: Date

    public init(id: UUID, customerID: UUID, body: String, authorID: UUID?, createdAt: Date) {
        self.id = id
        self.customerID = customerID
        self.body = body
        self.authorID = authorID
        self.createdAt = createdAt
    }

    public static let maxLength = 10_000

    /// Trimmed body, or the reason it cannot be a note.
    public static func validatedBody(_ body: String) throws(ValidationFailure) -> String {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            throw ValidationFailure([FieldError(field: "body", code: "required", message: "The note is empty.")])
        }
        if trimmed.count > maxLength {
            throw ValidationFailure([
                FieldError(field: "body", code: "too_long", message: "Longer than \(maxLength) characters.")
            ])
        }
        return trimmed
    }
}
