public import Foundation
public import KefuCore
import FluentKit
public import SQLKit

/// Business calendars: the business default and one per branch (issue 11 §1), and which one a
/// ticket's SLA clocks count on. Until set, the default is Monday to Friday 09:00–18:00 in the
/// business time zone; a branch calendar closed on every weekday defers to the default.
public struct CalendarRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) { source = DatabaseSource(database) }
    init(db: any Database) { source = DatabaseSource(fixed: db) }

    /// One calendar: `scope` is `default` or the branch id.
    struct Row: Codable {
        var scope: String
        var branch_id: UUID?
        var calendar: String
        var updated_at: Date
        var updated_by: UUID?
    }

    static let defaultScope = "default"

    private struct HomeBranch: Decodable {
        var branch_id: UUID?
    }

    /// The business default.
    public func businessDefault() async throws -> BusinessCalendar { try await Self.businessDefault(on: db.sql) }

    /// A branch's calendar (whether or not it is open; see `calendar(forTicketBranch:customerID:on:)`).
    public func branch(_ id: UUID) async throws -> BusinessCalendar { try await Self.branch(id, on: db.sql) }

    /// Saves the business default; audited.
    public func putDefault(_ calendar: BusinessCalendar, by attribution: Attribution) async throws -> BusinessCalendar {
        try await db.sqlTransaction { tx in
            try await Self.write(
                calendar, before: try await Self.businessDefault(on: tx), branchID: nil, attribution, on: tx)
            return calendar
        }
    }

    /// Saves a branch's calendar and the branch's `business_hours` summary of it; audited.
    public func putBranch(_ id: UUID, _ calendar: BusinessCalendar, by attribution: Attribution) async throws
        -> BusinessCalendar
    {
        try await db.sqlTransaction { tx in
            try await Self.write(calendar, before: try await Self.branch(id, on: tx), branchID: id, attribution, on: tx)
            return calendar
        }
    }

    /// The calendar a ticket's SLA clocks count on: its branch's, else its customer's home branch's,
    /// else the business default (see `effective(branch:on:)`). Reads through `tx`, so it sees the caller's
    /// uncommitted writes.
    public static func calendar(forTicketBranch branchID: UUID?, customerID: UUID, on tx: any SQLDatabase)
        async throws -> BusinessCalendar
    {
        var branch = branchID
        if branch == nil {
            branch = try await tx.select().column("branch_id").from("customers").where("id", .equal, customerID)
                .first(decoding: HomeBranch.self)?.branch_id
        }
        return try await effective(branch: branch, on: tx)
    }

    /// The calendar of `branch`, or the business default when there is no branch or its calendar is closed on
    /// every weekday.
    static func effective(branch: UUID?, on sql: any SQLDatabase) async throws -> BusinessCalendar {
        if let branch, let calendar = try await stored(scope: branch.uuidString, on: sql), calendar.isOpenOnSomeWeekday
        {
            return calendar
        }
        return try await businessDefault(on: sql)
    }

    /// Called inside the transaction of every calendar write, after it (`branchID` nil for the business
    /// default, or its time zone): the open tickets that count on that calendar get their SLA due times
    /// recomputed, in the background (`SLATimers.recompute`), a batch per job.
    static func onCalendarChanged(branchID: UUID?, on tx: any SQLDatabase, now: Date) async throws {
        try await SLATimers.scheduleRecompute(branch: branchID, on: tx, now: now)
    }

    /// The business time zone from the settings (their default before the settings are first saved).
    static func businessTimeZone(on sql: any SQLDatabase) async throws -> TimeZone {
        let id = try await sql.select().column("time_zone").from("settings").where("id", .equal, 1).first()?
            .decode(column: "time_zone", as: String.self)
        return TimeZone(identifier: id ?? BusinessSettings().timeZone) ?? .gmt
    }

    static func businessDefault(on sql: any SQLDatabase) async throws -> BusinessCalendar {
        if let calendar = try await stored(scope: defaultScope, on: sql) { return calendar }
        return .standard(in: try await businessTimeZone(on: sql))
    }

    /// A branch's calendar; every branch has one (written on create, migrated for older ones).
    /// Unknown branches are not found.
    static func branch(_ id: UUID, on sql: any SQLDatabase) async throws -> BusinessCalendar {
        _ = try await BranchRepository.load(id, on: sql)
        guard let calendar = try await stored(scope: id.uuidString, on: sql) else {
            throw StoreError.corrupt("Branch \(id.uuidString) has no calendar.")
        }
        return calendar
    }

    private static func stored(scope: String, on sql: any SQLDatabase) async throws -> BusinessCalendar? {
        guard
            let row = try await sql.select().column("*").from("calendars").where("scope", .equal, scope)
                .first(decoding: Row.self)
        else { return nil }
        return try StoreJSON.decode(BusinessCalendar.self, from: row.calendar)
    }

    /// Replaces the calendar of `branchID` (nil: the default) with `calendar`: the one write path, so
    /// every change is audited, updates the branch's `business_hours` and reaches `onCalendarChanged`.
    static func write(
        _ calendar: BusinessCalendar, before: BusinessCalendar?, branchID: UUID?, _ attribution: Attribution,
        on tx: any SQLDatabase
    ) async throws {
        let scope = branchID?.uuidString ?? defaultScope
        try await tx.delete(from: "calendars").where("scope", .equal, scope).run()
        try await tx.insert(into: "calendars").model(
            Row(
                scope: scope, branch_id: branchID, calendar: try StoreJSON.encode(calendar),
                updated_at: attribution.now, updated_by: attribution.userID)
        ).run()
        if let branchID {
            try await tx.update("branches").set("business_hours", to: try StoreJSON.encode(calendar.branchHours))
                .where("id", .equal, branchID).run()
        }
        try await AuditLog.record(
            on: tx, attribution, action: "calendar.update", entityType: "calendar",
            entityID: branchID?.uuidString, changes: try AuditLog.diff(before: before, after: calendar))
        try await onCalendarChanged(branchID: branchID, on: tx, now: attribution.now)
    }
}
