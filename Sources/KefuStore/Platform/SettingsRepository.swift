public import KefuCore
import SQLKit
import FluentKit
import Foundation

/// Reads and writes the single settings row; a new database gets the defaults.
public struct SettingsRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }
    /// The process-wide cache when opened through a `KefuDatabase`; nil inside a transaction.
    private let cache: SettingsCache?

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        cache = database.settingsCache
    }

    init(db: any Database) {
        source = DatabaseSource(fixed: db)
        cache = nil
    }

    struct Row: Codable {
        var id: Int
        var business_name: String
        var time_zone: String
        var currency: String
        var phone_region: String
        var tiers: String
        var custom_fields: String
        /// Null until first saved after migration 008: the defaults then.
        var service_desk: String?
        /// Null until first saved after migration 021: the defaults then.
        var purchases: String?
        /// Null until first saved after migration 022: the defaults then.
        var follow_ups: String?
        /// Null until first saved after migration 023: the defaults then.
        var health: String?
        /// Null until first saved after migration 024: the defaults then.
        var surveys: String?
        /// Null until first saved after migration 027: the defaults then.
        var loyalty: String?
        var updated_at: Date?
    }

    public func get() async throws -> BusinessSettings {
        guard let cache else { return try await read() }
        return try await cache.settings { try await read() }
    }

    private func read() async throws -> BusinessSettings { try await Self.read(on: db.sql) }

    /// The settings as stored, read on `sql` (a job's transaction, which has no cache).
    static func read(on sql: any SQLDatabase) async throws -> BusinessSettings {
        guard
            let row = try await sql.select().column("*").from("settings").where("id", .equal, 1)
                .first(decoding: Row.self)
        else { return BusinessSettings() }
        return BusinessSettings(
            businessName: row.business_name, timeZone: row.time_zone, currency: row.currency,
            phoneRegion: row.phone_region, tiers: try StoreJSON.decode([String].self, from: row.tiers),
            customFields: try StoreJSON.decode([CustomFieldDefinition].self, from: row.custom_fields),
            serviceDesk: try row.service_desk.map { try StoreJSON.decode(ServiceDeskSettings.self, from: $0) }
                ?? ServiceDeskSettings(),
            purchases: try row.purchases.map { try StoreJSON.decode(PurchaseSettings.self, from: $0) }
                ?? PurchaseSettings(),
            followUps: try row.follow_ups.map { try StoreJSON.decode(FollowUpSettings.self, from: $0) }
                ?? FollowUpSettings(),
            health: try row.health.map { try StoreJSON.decode(HealthSettings.self, from: $0) } ?? HealthSettings(),
            surveys: try row.surveys.map { try StoreJSON.decode(SurveySettings.self, from: $0) } ?? SurveySettings(),
            loyalty: try row.loyalty.map { try StoreJSON.decode(LoyaltySettings.self, from: $0) } ?? LoyaltySettings())
    }

    /// Validates and saves; audited.
    public func update(_ settings: BusinessSettings, by attribution: Attribution) async throws -> BusinessSettings {
        var settings = settings
        settings.tiers = settings.tiers.map { $0.trimmingCharacters(in: .whitespaces) }
        settings.businessName = settings.businessName.trimmingCharacters(in: .whitespaces)
        let errors = settings.validationErrors()
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        let before = try await read()
        let after = settings
        let row = Row(
            id: 1, business_name: settings.businessName, time_zone: settings.timeZone,
            currency: settings.currency, phone_region: settings.phoneRegion,
            tiers: try StoreJSON.encode(settings.tiers), custom_fields: try StoreJSON.encode(settings.customFields),
            service_desk: try StoreJSON.encode(settings.serviceDesk),
            purchases: try StoreJSON.encode(settings.purchases),
            follow_ups: try StoreJSON.encode(settings.followUps), health: try StoreJSON.encode(settings.health),
            surveys: try StoreJSON.encode(settings.surveys), loyalty: try StoreJSON.encode(settings.loyalty),
            updated_at: attribution.now)
        try await db.sqlTransaction { tx in
            try await tx.delete(from: "settings").where("id", .equal, 1).run()
            try await tx.insert(into: "settings").model(row).run()
            try await AuditLog.record(
                on: tx, attribution, action: "settings.update", entityType: "settings",
                entityID: nil, changes: try AuditLog.diff(before: before, after: after))
            // Until it is set, the default calendar is in the business time zone.
            if before.timeZone != after.timeZone {
                try await CalendarRepository.onCalendarChanged(branchID: nil, on: tx, now: attribution.now)
            }
            // Other weights, half-life or threshold: every stored balance and mark is re-evaluated.
            if before.health != after.health {
                try await HealthLedger.scheduleFullReevaluation(on: tx, now: attribution.now)
            }
        }
        cache?.clear()
        return settings
    }
}
