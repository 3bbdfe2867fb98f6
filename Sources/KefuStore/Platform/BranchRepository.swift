public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Branches of the business; names are unique. Each has a business calendar (`CalendarRepository`):
/// `business_hours` sent on create or update are written into it, and read back as its summary.
public struct BranchRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) { source = DatabaseSource(database) }
    init(db: any Database) { source = DatabaseSource(fixed: db) }

    struct Row: Codable {
        var id: UUID
        var name: String
        var address: String?
        var time_zone: String
        var business_hours: String
        var created_at: Date
        var updated_at: Date

        init(id: UUID, profile: BranchProfile, createdAt: Date, updatedAt: Date) throws {
            self.id = id
            name = profile.name
            address = profile.address
            time_zone = profile.timeZone ?? "UTC"
            business_hours = try StoreJSON.encode(profile.businessHours)
            created_at = createdAt
            updated_at = updatedAt
        }

        func branch() throws -> Branch {
            var profile = BranchProfile()
            profile.name = name
            profile.address = address
            profile.timeZone = time_zone
            profile.businessHours = try StoreJSON.decode([String: String?].self, from: business_hours)
            return Branch(id: id, profile: profile, createdAt: created_at, updatedAt: updated_at)
        }
    }

    public func list() async throws -> [Branch] {
        try await db.sql.select().column("*").from("branches").orderBy("name").all(decoding: Row.self).map {
            try $0.branch()
        }
    }

    public func get(_ id: UUID) async throws -> Branch {
        try await Self.load(id, on: db.sql).branch()
    }

    static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> Row {
        guard
            let row = try await sql.select().column("*").from("branches").where("id", .equal, id).first(
                decoding: Row.self)
        else { throw DomainError.notFound(entity: "branch", id: id.uuidString) }
        return row
    }

    public func create(_ profile: BranchProfile, by attribution: Attribution) async throws -> Branch {
        let profile = try await validate(profile)
        return try await db.sqlTransaction { tx in
            try await Self.checkName(profile.name, except: nil, on: tx)
            let row = try Row(
                id: TimeOrderedID.next(now: attribution.now), profile: profile, createdAt: attribution.now,
                updatedAt: attribution.now)
            try await tx.insert(into: "branches").model(row).run()
            let zone = TimeZone(identifier: row.time_zone) ?? .gmt
            try await CalendarRepository.write(
                .branchHours(profile.businessHours, timeZone: zone), before: nil, branchID: row.id, attribution, on: tx)
            try await AuditLog.record(
                on: tx, attribution, action: "branch.create", entityType: "branch",
                entityID: row.id.uuidString,
                changes: try AuditLog.diff(before: Optional<BranchProfile>.none, after: profile))
            return try row.branch()
        }
    }

    public func update(_ id: UUID, to profile: BranchProfile, by attribution: Attribution) async throws -> Branch {
        let profile = try await validate(profile)
        return try await db.sqlTransaction { tx in
            let current = try await Self.load(id, on: tx)
            try await Self.checkName(profile.name, except: id, on: tx)
            let row = try Row(id: id, profile: profile, createdAt: current.created_at, updatedAt: attribution.now)
            try await tx.update("branches").set(model: row, nilEncodingStrategy: .asNil).where("id", .equal, id).run()
            let currentHours = try current.branch().profile.businessHours
            let changedHours = profile.businessHours.filter { (currentHours[$0.key] ?? nil) != $0.value }
            if !changedHours.isEmpty {
                let calendar = try await CalendarRepository.branch(id, on: tx)
                try await CalendarRepository.write(
                    calendar.replacingHours(changedHours), before: calendar, branchID: id, attribution, on: tx)
            }
            try await AuditLog.record(
                on: tx, attribution, action: "branch.update", entityType: "branch", entityID: id.uuidString,
                changes: try AuditLog.diff(before: try current.branch().profile, after: profile))
            return try row.branch()
        }
    }

    /// Customers of a deleted branch keep their records; their home branch becomes empty.
    public func delete(_ id: UUID, by attribution: Attribution) async throws {
        try await db.sqlTransaction { tx in
            let current = try await Self.load(id, on: tx)
            try await tx.update("customers").set("branch_id", to: SQLLiteral.null).where("branch_id", .equal, id).run()
            try await tx.delete(from: "branches").where("id", .equal, id).run()
            try await AuditLog.record(
                on: tx, attribution, action: "branch.delete", entityType: "branch", entityID: id.uuidString,
                changes: try AuditLog.diff(before: try current.branch().profile, after: Optional<BranchProfile>.none))
        }
    }

    /// Branch ids by lower-cased name, for imports that name branches.
    public func idsByName() async throws -> [String: UUID] {
        Dictionary(try await list().map { ($0.profile.name.lowercased(), $0.id) }) { first, _ in first }
    }

    private func validate(_ profile: BranchProfile) async throws -> BranchProfile {
        let timeZone = try await SettingsRepository(db: db).get().timeZone
        do {
            return try profile.validated(defaultTimeZone: timeZone)
        } catch {
            throw DomainError.invalid(error)
        }
    }

    private static func checkName(_ name: String, except id: UUID?, on sql: any SQLDatabase) async throws {
        let clash = try await sql.select().column("*").from("branches").where("name", .equal, name).first(
            decoding: Row.self)
        if let clash, clash.id != id {
            throw DomainError.conflict(
                message: "A branch named \(name) already exists.", field: "name", conflictingID: clash.id)
        }
    }
}
