public import Foundation

/// A team of staff. A ticket with a team is given, when nobody else owns it, to the team's next
/// available agent below capacity (round-robin by user id).
public struct Team: Codable, Sendable, Equatable, Identifiable {
    public var id: UUID
    public var name: String
    public var memberIDs: [UUID]

    public init(id: UUID, name: String, memberIDs: [UUID]) {
        self.id = id
        self.name = name
        self.memberIDs = memberIDs
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case memberIDs = "member_ids"
    }

    /// A team's name, trimmed: 1 to 200 characters.
    public static func validatedName(_ name: String) throws(ValidationFailure) -> String {
        let trimmed = name.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.count <= ComplaintCause.maxNameLength else {
            throw ValidationFailure([
                FieldError(field: "name", code: "required", message: "A name of 1 to 200 characters is required.")
            ])
        }
        return trimmed
    }
}
