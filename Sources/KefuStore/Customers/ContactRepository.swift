public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Key contacts (关键人) of an organisation customer.
public struct ContactRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) { source = DatabaseSource(database) }

    struct Row: Codable {
        var id: UUID
        var customer_id: UUID
        var profile: String
        var created_at: Date
        var updated_at: Date

        func contact() throws -> KeyContact {
            KeyContact(
                id: id, customerID: customer_id, profile: try StoreJSON.decode(KeyContactProfile.self, from: profile),
                createdAt: created_at, updatedAt: updated_at)
        }
    }

    public func list(customerID: UUID) async throws -> [KeyContact] {
        _ = try await CustomerRepository.load(customerID, on: db.sql)
        return try await db.sql.select().column("*").from("key_contacts").where("customer_id", .equal, customerID)
            .orderBy("created_at").orderBy("id").all(decoding: Row.self).map { try $0.contact() }
    }

    public func get(customerID: UUID, contactID: UUID) async throws -> KeyContact {
        try await Self.load(customerID: customerID, contactID: contactID, on: db.sql).contact()
    }

    static func load(customerID: UUID, contactID: UUID, on sql: any SQLDatabase) async throws -> Row {
        _ = try await CustomerRepository.load(customerID, on: sql)
        guard
            let row = try await sql.select().column("*").from("key_contacts").where("id", .equal, contactID)
                .where("customer_id", .equal, customerID).first(decoding: Row.self)
        else { throw DomainError.notFound(entity: "contact", id: contactID.uuidString) }
        return row
    }

    public func create(customerID: UUID, _ profile: KeyContactProfile, by attribution: Attribution) async throws
        -> KeyContact
    {
        let profile = try await validate(profile)
        return try await db.sqlTransaction { tx in
            _ = try await CustomerRepository.load(customerID, on: tx)
            let row = Row(
                id: TimeOrderedID.next(now: attribution.now), customer_id: customerID,
                profile: try StoreJSON.encode(profile),
                created_at: attribution.now, updated_at: attribution.now)
            try await tx.insert(into: "key_contacts").model(row).run()
            try await Self.record(
                CustomerEventKind.contactAdded, "Key contact added: \(profile.name)", row: row,
                before: nil, after: profile, on: tx, by: attribution)
            return try row.contact()
        }
    }

    public func update(
        customerID: UUID, contactID: UUID, to profile: KeyContactProfile,
        by attribution: Attribution
    ) async throws -> KeyContact {
        let profile = try await validate(profile)
        return try await db.sqlTransaction { tx in
            var row = try await Self.load(customerID: customerID, contactID: contactID, on: tx)
            let before = try row.contact().profile
            row.profile = try StoreJSON.encode(profile)
            row.updated_at = attribution.now
            try await tx.update("key_contacts").set(model: row).where("id", .equal, contactID).run()
            try await Self.record(
                CustomerEventKind.contactUpdated, "Key contact updated: \(profile.name)", row: row,
                before: before, after: profile, on: tx, by: attribution)
            return try row.contact()
        }
    }

    public func delete(customerID: UUID, contactID: UUID, by attribution: Attribution) async throws {
        try await db.sqlTransaction { tx in
            let row = try await Self.load(customerID: customerID, contactID: contactID, on: tx)
            let before = try row.contact().profile
            try await tx.delete(from: "key_contacts").where("id", .equal, contactID).run()
            try await Self.record(
                CustomerEventKind.contactRemoved, "Key contact removed: \(before.name)", row: row,
                before: before, after: nil, on: tx, by: attribution)
        }
    }

    private func validate(_ profile: KeyContactProfile) async throws -> KeyContactProfile {
        let region = try await SettingsRepository(db: db).get().phoneRegion
        do {
            return try profile.validated(phoneRegion: region)
        } catch {
            throw DomainError.invalid(error)
        }
    }

    /// Timeline event, audit row and search text for one contact change.
    private static func record(
        _ kind: String, _ summary: String, row: Row, before: KeyContactProfile?,
        after: KeyContactProfile?, on tx: any SQLDatabase, by attribution: Attribution
    ) async throws {
        try await CustomerItemChange.record(
            kind, summary: summary, entityType: "contact", id: row.id, customerID: row.customer_id,
            changes: try AuditLog.diff(before: before, after: after), on: tx, by: attribution)
    }
}
