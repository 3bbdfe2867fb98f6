import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

@Suite("Business calendars")
struct CalendarRepositoryTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static func calendar(_ json: String) throws -> BusinessCalendar {
        try JSONDecoder().decode(BusinessCalendar.self, from: Data(json.utf8))
    }

    static let split = #"""
        {"time_zone": "Asia/Shanghai", "weekly": {"mon": [["09:00","12:00"],["13:00","18:00"]], "sat": [["22:00","02:00"]]},
         "holidays": ["2026-02-16"], "extra_workdays": ["2026-02-14"]}
        """#

    static func branch(_ name: String, hours: [String: String?], in database: KefuDatabase) async throws -> Branch {
        var profile = BranchProfile()
        profile.name = name
        profile.businessHours = hours
        return try await BranchRepository(database).create(profile, by: tester)
    }

    @Test(arguments: Engine.available)
    func theDefaultIsStandardUntilSetAndEveryPutIsAudited(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let calendars = CalendarRepository(database)
            #expect(try await calendars.businessDefault() == .standard(in: Self.shanghai))
            // MUT
            let saved = try await calendars.putDefault(try Self.calendar(Self.split), by: tester)
            // validate
            #expect(try await calendars.businessDefault() == saved)
            let audit = try await AuditLog.list(in: database, entityType: "calendar", limit: 10, cursor: nil)
            #expect(audit.items.map(\.action) == ["calendar.update"])
            #expect(audit.items.first?.changes["holidays"]?.after == #"["2026-02-16"]"#)
            #expect(audit.items.first?.changes["holidays"]?.before == "[]")
        }
    }

    @Test(arguments: Engine.available)
    func aBranchsBusinessHoursAreASummaryOfItsCalendar(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let calendars = CalendarRepository(database)
            let branches = BranchRepository(database)
            let branch = try await Self.branch(
                "静安店", hours: ["mon": "08:00-17:00", "sat": "10:00-16:00"], in: database)
            #expect(
                try await calendars.branch(branch.id)
                    == .branchHours(["mon": "08:00-17:00", "sat": "10:00-16:00"], timeZone: Self.shanghai))
            // MUT: the calendar is the source of truth
            let split = try await calendars.putBranch(branch.id, try Self.calendar(Self.split), by: tester)
            // validate
            var hours = try await branches.get(branch.id).profile.businessHours
            #expect(hours["mon"] == "09:00-18:00" && hours["sat"] == "22:00-24:00" && hours["tue"] == .some(nil))
            // MUT: a change that leaves business_hours alone leaves the calendar alone
            var profile = try await branches.get(branch.id).profile
            profile.address = "南京西路 1 号"
            _ = try await branches.update(branch.id, to: profile, by: tester)
            #expect(try await calendars.branch(branch.id) == split)
            // MUT: hours sent for a weekday are written into the calendar, the other days stay
            profile.businessHours["tue"] = "10:00-16:00"
            _ = try await branches.update(branch.id, to: profile, by: tester)
            // validate
            let updated = try await calendars.branch(branch.id)
            #expect(updated.hours(on: .tue) == [OpeningInterval(opens: 600, closes: 960)!])
            #expect(updated.hours(on: .mon) == split.hours(on: .mon) && updated.holidays == split.holidays)
            hours = try await branches.get(branch.id).profile.businessHours
            #expect(hours["tue"] == "10:00-16:00" && hours["mon"] == "09:00-18:00")
            // MUT: a deleted branch takes its calendar along
            try await branches.delete(branch.id, by: tester)
            let left = try await database.db.sql.select().column("scope").from("calendars").all()
            #expect(left.isEmpty)
        }
    }

    @Test(arguments: Engine.available)
    func aTicketUsesItsBranchElseTheHomeBranchElseTheDefault(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let calendars = CalendarRepository(database)
            let ticketBranch = try await Self.branch("A", hours: ["sat": "10:00-16:00"], in: database)
            let home = try await Self.branch("B", hours: ["sun": "10:00-16:00"], in: database)
            let closed = try await Self.branch("C", hours: [:], in: database)
            var profile = CustomerProfile()
            profile.name = "Guest"
            profile.branchID = home.id
            let customer = try await CustomerRepository(database).create(profile, by: tester)
            profile.name = "Walk-in"
            profile.branchID = nil
            let homeless = try await CustomerRepository(database).create(profile, by: tester)
            let defaultCalendar = try await calendars.putDefault(try Self.calendar(Self.split), by: tester)
            let sql = database.db.sql
            // MUT, validate
            #expect(
                try await CalendarRepository.calendar(
                    forTicketBranch: ticketBranch.id, customerID: customer.id, on: sql)
                    == calendars.branch(ticketBranch.id))
            #expect(
                try await CalendarRepository.calendar(forTicketBranch: nil, customerID: customer.id, on: sql)
                    == calendars.branch(home.id))
            #expect(
                try await CalendarRepository.calendar(forTicketBranch: nil, customerID: homeless.id, on: sql)
                    == defaultCalendar)
            #expect(
                try await CalendarRepository.calendar(forTicketBranch: closed.id, customerID: customer.id, on: sql)
                    == defaultCalendar)
        }
    }

    /// Migration 017 on a database whose branches predate calendars.
    @Test(arguments: Engine.available)
    func migrationTurnsBusinessHoursIntoCalendars(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let york = try await Self.branch("York", hours: ["mon": "08:00-17:00", "sat": "10:00-16:00"], in: database)
            let zoneless = try await Self.branch("Zoneless", hours: ["fri": "09:30-12:00"], in: database)
            let sql = database.db.sql
            try await sql.update("branches").set("time_zone", to: "America/New_York").where("id", .equal, york.id).run()
            try await sql.update("branches").set("time_zone", to: "").where("id", .equal, zoneless.id).run()
            try await CreateCalendars().revert(on: database.db)
            try await sql.delete(from: "_fluent_migrations").where("name", .equal, CreateCalendars().name).run()
            #expect(try await database.pendingMigrations() == [CreateCalendars().name])
            // MUT
            try await database.migrate()
            // validate
            let calendars = CalendarRepository(database)
            #expect(
                try await calendars.branch(york.id)
                    == .branchHours(
                        ["mon": "08:00-17:00", "sat": "10:00-16:00"],
                        timeZone: TimeZone(identifier: "America/New_York")!))
            #expect(
                try await calendars.branch(zoneless.id) == .branchHours(["fri": "09:30-12:00"], timeZone: Self.shanghai)
            )
            #expect(try await calendars.businessDefault() == .standard(in: Self.shanghai))
        }
    }
}
