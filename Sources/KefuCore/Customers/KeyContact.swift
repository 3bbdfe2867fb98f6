public import Foundation

/// A key person (关键人) at an organisation customer: who they are and how to talk to them
/// (seed 000 §上门拜访注意事项).
public struct KeyContactProfile: Codable, Sendable, Equatable {
    public var name: String = ""
    public var title: String?
    public var phones: [String] = []
    public var emails: [String] = []
    public var interests: String?
    public var habits: String?
    public var topicsToRaise: String?
    public var topicsToAvoid: String?
    public var personality: PersonalityStyle?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case name, title, phones, emails, interests, habits, personality
        case topicsToRaise = "topics_to_raise"
        case topicsToAvoid = "topics_to_avoid"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        title = try c.decodeIfPresent(String.self, forKey: .title)
        phones = try c.decodeIfPresent([String].self, forKey: .phones) ?? []
        emails = try c.decodeIfPresent([String].self, forKey: .emails) ?? []
        interests = try c.decodeIfPresent(String.self, forKey: .interests)
        habits = try c.decodeIfPresent(String.self, forKey: .habits)
        topicsToRaise = try c.decodeIfPresent(String.self, forKey: .topicsToRaise)
        topicsToAvoid = try c.decodeIfPresent(String.self, forKey: .topicsToAvoid)
        personality = try c.decodeIfPresent(PersonalityStyle.self, forKey: .personality)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(title, forKey: .title)
        try c.encode(phones, forKey: .phones)
        try c.encode(emails, forKey: .emails)
        try c.encode(interests, forKey: .interests)
        try c.encode(habits, forKey: .habits)
        try c.encode(topicsToRaise, forKey: .topicsToRaise)
        try c.encode(topicsToAvoid, forKey: .topicsToAvoid)
        try c.encode(personality, forKey: .personality)
    }

    /// Trims text, normalises phones and emails; throws every problem at once.
    /// A contact's phones are not customer identities, so they may repeat across customers.
    public func validated(phoneRegion: String) throws(ValidationFailure) -> KeyContactProfile {
        var out = self
        var errors: [FieldError] = []
        out.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if out.name.isEmpty { errors.append(FieldError(field: "name", code: "required", message: "Name is required.")) }
        let contact = ContactPoints.normalize(phones: phones, emails: emails, phoneRegion: phoneRegion)
        (out.phones, out.emails) = (contact.phones, contact.emails)
        errors += contact.errors
        for keyPath in [\KeyContactProfile.title, \.interests, \.habits, \.topicsToRaise, \.topicsToAvoid] {
            let trimmed = out[keyPath: keyPath]?.trimmingCharacters(in: .whitespacesAndNewlines)
            out[keyPath: keyPath] = (trimmed?.isEmpty ?? true) ? nil : trimmed
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return out
    }
}

/// A stored key contact.
public struct KeyContact: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var customerID: UUID
    public var profile: KeyContactProfile
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, customerID: UUID, profile: KeyContactProfile, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.customerID = customerID
        self.profile = profile
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
