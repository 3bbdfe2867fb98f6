import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `{"items": […], "next_cursor": "…" | null}` — every list in the API.
struct ListDTO<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var items: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor)
    }

    init(items: [Item], nextCursor: String? = nil) {
        self.items = items
        self.nextCursor = nextCursor
    }

    init<Source>(_ page: Page<Source>, cursors: CursorSigner, map: (Source) -> Item) {
        items = page.items.map(map)
        nextCursor = page.nextCursor.map(cursors.token(for:))
    }
}

/// A profile flattened next to the record's id and times, e.g. a customer as JSON.
struct RecordDTO<Profile: Encodable & Sendable>: ResponseEncodable, Sendable {
    var id: UUID
    var profile: Profile
    var extra: [String: UUID] = [:]
    var createdAt: Date
    var updatedAt: Date

    func encode(to encoder: any Encoder) throws {
        try profile.encode(to: encoder)
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(id, forKey: AnyCodingKey("id"))
        for (key, value) in extra { try c.encode(value, forKey: AnyCodingKey(key)) }
        try c.encode(createdAt, forKey: AnyCodingKey("created_at"))
        try c.encode(updatedAt, forKey: AnyCodingKey("updated_at"))
    }
}

typealias ContactDTO = RecordDTO<KeyContactProfile>
typealias BranchDTO = RecordDTO<BranchProfile>

extension RecordDTO where Profile == KeyContactProfile {
    init(_ contact: KeyContact) {
        self.init(id: contact.id, profile: contact.profile, extra: ["customer_id": contact.customerID],
                  createdAt: contact.createdAt, updatedAt: contact.updatedAt)
    }
}

extension RecordDTO where Profile == BranchProfile {
    init(_ branch: Branch) {
        self.init(id: branch.id, profile: branch.profile, createdAt: branch.createdAt, updatedAt: branch.updatedAt)
    }
}

struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

struct NoteDTO: ResponseEncodable, Sendable {
    var id: UUID
    var customer_id: UUID
    var body: String
    var author_id: UUID?
    var created_at: Date

    init(_ note: Note) {
        id = note.id
        customer_id = note.customerID
        body = note.body
        author_id = note.authorID
        created_at = note.createdAt
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(id, forKey: .init("id"))
        try c.encode(customer_id, forKey: .init("customer_id"))
        try c.encode(body, forKey: .init("body"))
        try c.encode(author_id, forKey: .init("author_id"))
        try c.encode(created_at, forKey: .init("created_at"))
    }
}

struct TimelineEventDTO: ResponseEncodable, Sendable {
    var event: TimelineEvent

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(event.id, forKey: .init("id"))
        try c.encode(event.customerID, forKey: .init("customer_id"))
        try c.encode(event.kind, forKey: .init("kind"))
        try c.encode(event.summary, forKey: .init("summary"))
        try c.encode(event.data, forKey: .init("data"))
        try c.encode(event.actorID, forKey: .init("actor_id"))
        try c.encode(event.occurredAt, forKey: .init("occurred_at"))
    }
}

struct UserDTO: ResponseEncodable, Sendable {
    var user: User

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(user.id, forKey: .init("id"))
        try c.encode(user.email, forKey: .init("email"))
        try c.encode(user.name, forKey: .init("name"))
        try c.encode(user.role, forKey: .init("role"))
        try c.encode(user.active, forKey: .init("active"))
        try c.encode(user.createdAt, forKey: .init("created_at"))
        try c.encode(user.updatedAt, forKey: .init("updated_at"))
    }
}

struct AuditEntryDTO: ResponseEncodable, Sendable {
    var entry: AuditEntry

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(entry.id, forKey: .init("id"))
        try c.encode(entry.actorID, forKey: .init("actor_id"))
        try c.encode(entry.actorEmail, forKey: .init("actor_email"))
        try c.encode(entry.action, forKey: .init("action"))
        try c.encode(entry.entityType, forKey: .init("entity_type"))
        try c.encode(entry.entityID, forKey: .init("entity_id"))
        try c.encode(entry.changes, forKey: .init("changes"))
        try c.encode(entry.requestID, forKey: .init("request_id"))
        try c.encode(entry.occurredAt, forKey: .init("occurred_at"))
    }
}

/// The settings object as the API returns it.
struct SettingsDTO: ResponseEncodable, Sendable {
    var settings: BusinessSettings
    func encode(to encoder: any Encoder) throws { try settings.encode(to: encoder) }
}
