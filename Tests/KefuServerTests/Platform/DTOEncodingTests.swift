import Foundation
import KefuCore
@testable import KefuServer
@testable import KefuStore
import Testing

/// The exact JSON of the DTOs that write a record field by field: key names, `null` for an absent
/// optional (never a missing key), times as RFC 3339.
@Suite("DTO encoding")
struct DTOEncodingTests {
    static let id = UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!
    static let other = UUID(uuidString: "00000000-0000-0000-0000-0000000000B2")!
    static let time = Date(timeIntervalSince1970: 1_777_627_800)

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try KefuJSON.encoder.encode(value), as: UTF8.self)
    }

    @Test func user() throws {
        let user = User(
            id: Self.id, email: "a@example.com", name: "Ann", role: .manager, active: true, createdAt: Self.time,
            updatedAt: Self.time.addingTimeInterval(60))
        #expect(
            try Self.json(UserDTO(user: user))
                == #"{"active":true,"created_at":"2026-05-01T09:30:00Z","email":"a@example.com","#
                + #""id":"00000000-0000-0000-0000-0000000000A1","name":"Ann","role":"manager","#
                + #""updated_at":"2026-05-01T09:31:00Z"}"#)
    }

    @Test func auditEntry() throws {
        let entry = AuditEntry(
            id: Self.id, actorID: nil, actorEmail: "a@example.com", action: "customer.updated",
            entityType: "customer", entityID: nil, changes: ["name": .init(before: "\"A\"", after: nil)],
            requestID: nil, occurredAt: Self.time)
        #expect(
            try Self.json(AuditEntryDTO(entry: entry))
                == #"{"action":"customer.updated","actor_email":"a@example.com","actor_id":null,"#
                + #""changes":{"name":{"after":null,"before":"\"A\""}},"entity_id":null,"#
                + #""entity_type":"customer","id":"00000000-0000-0000-0000-0000000000A1","#
                + #""occurred_at":"2026-05-01T09:30:00Z","request_id":null}"#)
    }

    @Test func timelineEvent() throws {
        let event = TimelineEvent(
            id: Self.id, customerID: Self.other, kind: "note_added", summary: "Hi", data: ["note_id": "x"],
            actorID: nil, occurredAt: Self.time)
        #expect(
            try Self.json(TimelineEventDTO(event: event))
                == #"{"actor_id":null,"customer_id":"00000000-0000-0000-0000-0000000000B2","#
                + #""data":{"note_id":"x"},"id":"00000000-0000-0000-0000-0000000000A1","kind":"note_added","#
                + #""occurred_at":"2026-05-01T09:30:00Z","summary":"Hi"}"#)
    }

    @Test func note() throws {
        let note = Note(id: Self.id, customerID: Self.other, body: "Hi", authorID: nil, createdAt: Self.time)
        #expect(
            try Self.json(NoteDTO(note))
                == #"{"author_id":null,"body":"Hi","created_at":"2026-05-01T09:30:00Z","#
                + #""customer_id":"00000000-0000-0000-0000-0000000000B2","#
                + #""id":"00000000-0000-0000-0000-0000000000A1"}"#)
    }

    @Test func crossSellSuggestions() throws {
        let rule = AssociationRule(
            antecedent: "TEA", consequent: "CUP", basketsBoth: 3, basketsAntecedent: 9, basketsConsequent: 4,
            baskets: 40)
        #expect(
            try Self.json(SuggestionsDTO(CrossSell.Rules(rules: [rule], names: ["TEA": "茶"], computedAt: nil)))
                == #"{"items":[{"because":"TEA","confidence":33.3,"lift":3.33,"name":null,"sku":"CUP","support":7.5}]}"#
        )
    }
}
