public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Teams of staff: a ticket with a team is placed round-robin over its available agents.
public struct TeamRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
    }

    /// A new team with `members` (user ids, in no particular order: round-robin goes by id).
    public func create(name: String, members: [UUID], by attribution: Attribution) async throws -> UUID {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw DomainError.invalid([FieldError(field: "name", code: "required", message: "Name is required.")])
        }
        let id = TimeOrderedID.next(now: attribution.now)
        try await db.sqlTransaction { tx in
            try await tx.insert(into: "teams").columns("id", "name", "round_robin_position", "created_at", "updated_at")
                .values(SQLBind(id), SQLBind(trimmed), SQLBind(0), SQLBind(attribution.now), SQLBind(attribution.now))
                .run()
            for member in Set(members) {
                try await tx.insert(into: "team_members").columns("team_id", "user_id")
                    .values(SQLBind(id), SQLBind(member)).run()
            }
            try await AuditLog.record(
                on: tx, attribution, action: "team.created", entityType: "team", entityID: id.uuidString,
                changes: ["name": .init(before: nil, after: trimmed)])
        }
        return id
    }
}
