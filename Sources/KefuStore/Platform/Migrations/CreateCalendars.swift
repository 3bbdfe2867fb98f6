import FluentKit
import Foundation
import KefuCore
import SQLKit

/// Business calendars (issue 11 §1): one row for the business default (scope `default`) and one per
/// branch (scope = the branch id), holding the calendar JSON. Each branch's `business_hours` become
/// its calendar, in the branch's time zone (else the business's); from here on the calendar is the
/// source of truth and `branches.business_hours` its summary (`BusinessCalendar.branchHours`). Self-contained
/// (its own row types), so later changes to the repository cannot change what this migration did.
struct CreateCalendars: AsyncMigration {
    var name: String { "017_CreateCalendars" }

    private struct BranchHours: Decodable {
        var id: UUID
        var time_zone: String
        var business_hours: String
        var updated_at: Date
    }

    private struct CalendarRow: Encodable {
        var scope: String
        var branch_id: UUID
        var calendar: String
        var updated_at: Date
    }

    private struct Settings: Decodable {
        var time_zone: String
    }

    func prepare(on database: any Database) async throws {
        try await database.schema("calendars")
            .field("scope", .string, .identifier(auto: false))
            .field("branch_id", .uuid, .references("branches", "id", onDelete: .cascade))
            .field("calendar", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid)
            .unique(on: "branch_id")
            .create()
        let sql = database.sql
        let settings = try await sql.select().column("time_zone").from("settings").where("id", .equal, 1)
            .first(decoding: Settings.self)
        let businessZone = TimeZone(identifier: settings?.time_zone ?? BusinessSettings().timeZone) ?? .gmt
        for branch in try await sql.select().columns("id", "time_zone", "business_hours", "updated_at")
            .from("branches").all(decoding: BranchHours.self)
        {
            let hours = try StoreJSON.decode([String: String?].self, from: branch.business_hours)
            let calendar = BusinessCalendar.branchHours(
                hours, timeZone: TimeZone(identifier: branch.time_zone) ?? businessZone)
            try await sql.insert(into: "calendars").model(
                CalendarRow(
                    scope: branch.id.uuidString, branch_id: branch.id, calendar: try StoreJSON.encode(calendar),
                    updated_at: branch.updated_at)
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calendars").delete()
    }
}
