import Foundation
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@Suite("Admin calendar page")
struct AdminCalendarPageTests {
    @Test(arguments: Engine.available)
    func adminsEditTheDefaultAndABranchCalendar(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let manager = try await client.webLogin(.manager)
            #expect(try await client.page("/admin/calendar", session: manager).status == .forbidden)
            let admin = try await client.webLogin(.admin)
            let page = try await client.page("/admin/calendar", session: admin)
            #expect(page.status == .ok && page.body.contains(#"href="/admin/calendar""#))
            #expect(page.body.contains(#"name="weekly_mon" value="09:00-18:00""#))
            let typed: [(String, String)] = [
                ("time_zone", "Asia/Shanghai"), ("weekly_mon", "09:00-12:00, 13:00-18:00"), ("weekly_tue", "9-18"),
                ("weekly_sat", "22:00-02:00"), ("holidays", "2026-02-16\n2026-02-17, 2026-02-31 2026-02-18"),
                ("extra_workdays", "2026-02-14"),
            ]
            // MUT: a bad submit
            let bad = try await client.submit("/admin/calendar", typed, session: admin)
            // validate: errors by their fields, everything typed kept, nothing written
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("Write times as HH:MM, 00:00 to 23:59; an end may be 24:00."))
            #expect(bad.body.contains("Write the date as YYYY-MM-DD."))
            #expect(bad.body.contains(#"value="09:00-12:00, 13:00-18:00""#))
            #expect(bad.body.contains("2026-02-17, 2026-02-31 2026-02-18</textarea>"))
            let calendars = CalendarRepository(app.database)
            #expect(try await calendars.businessDefault() == .standard(in: TimeZone(identifier: "Asia/Shanghai")!))
            // MUT: the corrected submit
            var fixed = typed
            fixed[2] = ("weekly_tue", "09:00-18:00")
            fixed[4] = ("holidays", "2026-02-16\n2026-02-17, 2026-02-18")
            let saved = try await client.submit("/admin/calendar", fixed, session: admin)
            // validate
            #expect(saved.status == .seeOther)
            let stored = try await calendars.businessDefault()
            #expect(stored.holidays.map(\.description) == ["2026-02-16", "2026-02-17", "2026-02-18"])
            #expect(stored.hours(on: .mon).count == 2 && stored.hours(on: .sat).first?.runsPastMidnight == true)
            #expect(stored.extraWorkdays.map(\.description) == ["2026-02-14"])

            let created = try await client.submit(
                "/admin/branches", [("name", "静安店"), ("opens_sat", "10:00"), ("closes_sat", "16:00")],
                session: admin)
            #expect(created.status == .seeOther)
            let branch = try #require(try await BranchRepository(app.database).list().first)
            let path = "/admin/branches/\(branch.id.uuidString)/calendar"
            #expect(try await client.page("/admin/branches", session: admin).body.contains(#"href="\#(path)""#))
            let branchPage = try await client.page(path, session: admin)
            #expect(branchPage.status == .ok && branchPage.body.contains(#"name="weekly_sat" value="10:00-16:00""#))
            let branchSaved = try await client.submit(
                path,
                [
                    ("time_zone", "Asia/Shanghai"), ("weekly_sat", "10:00-12:00 13:00-16:00"),
                    ("holidays", "2026-10-01"),
                ],
                session: admin)
            #expect(branchSaved.status == .seeOther)
            let branchCalendar = try await calendars.branch(branch.id)
            #expect(branchCalendar.hours(on: .sat).count == 2 && branchCalendar.holidays.count == 1)
            #expect(
                try await client.page("/admin/branches/00000000-0000-0000-0000-000000000009/calendar", session: admin)
                    .status == .notFound)
        }
    }
}
