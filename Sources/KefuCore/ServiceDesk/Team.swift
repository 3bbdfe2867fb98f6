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
}
