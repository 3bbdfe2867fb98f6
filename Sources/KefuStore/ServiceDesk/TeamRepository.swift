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
        let trimmed: String
        do throws(ValidationFailure) {
            trimmed = try Team.validatedName(name)
        } catch {
            throw DomainError.invalid(error)
        }
        let id = TimeOrderedID.next(now: attribution.now)
        try await db.sqlTransaction { tx in
            let wanted = Array(Set(members))
            let known =
                wanted.isEmpty
                ? 0 : try await tx.select().column("id").from("users").where("id", .in, wanted).all().count
            guard known == wanted.count else {
                throw DomainError.invalid([
                    FieldError(field: "member_ids", code: "unknown_user", message: "A member is not a user.")
                ])
            }
            try await tx.insert(into: "teams").columns("id", "name", "round_robin_position", "created_at", "updated_at")
                .values(SQLBind(id), SQLBind(trimmed), SQLBind(0), SQLBind(attribution.now), SQLBind(attribution.now))
                .run()
            for member in wanted {
                try await tx.insert(into: "team_members").columns("team_id", "user_id")
                    .values(SQLBind(id), SQLBind(member)).run()
            }
            try await AuditLog.record(
                on: tx, attribution, action: "team.created", entityType: "team", entityID: id.uuidString,
                changes: ["name": .init(before: nil, after: trimmed)])
        }
        return id
    }

    /// Every team by name, with its members.
    public func list() async throws -> [Team] {
        try await Self.teams(on: db.sql, id: nil)
    }

    public func get(_ id: UUID) async throws -> Team {
        guard let team = try await Self.teams(on: db.sql, id: id).first else {
            throw DomainError.notFound(entity: "team", id: id.uuidString)
        }
        return team
    }

    /// The teams (or the one with `id`) and their members, in two queries.
    private static func teams(on sql: any SQLDatabase, id: UUID?) async throws -> [Team] {
        struct Row: Decodable {
            var id: UUID
            var name: String
        }
        struct Member: Decodable {
            var team_id: UUID
            var user_id: UUID
        }
        var teams = sql.select().columns("id", "name").from("teams")
        var members = sql.select().columns("team_id", "user_id").from("team_members")
        if let id {
            teams = teams.where("id", .equal, id)
            members = members.where("team_id", .equal, id)
        }
        let rows = try await teams.orderBy("name").orderBy("id").all(decoding: Row.self)
        let byTeam = Dictionary(
            grouping: try await members.orderBy("user_id").all(decoding: Member.self), by: \.team_id)
        return rows.map { Team(id: $0.id, name: $0.name, memberIDs: byTeam[$0.id]?.map(\.user_id) ?? []) }
    }
}
